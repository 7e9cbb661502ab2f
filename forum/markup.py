"""Markdown to sanitised HTML: the forum's one sanitiser and allow-list.

User text is rendered here once, when it is written, and the result is
stored beside the source. Raw HTML never survives: markdown-it escapes it,
and bleach then removes anything outside the allow-list. Images become
plain links, since loading another site's image would let it track readers.
"""
import re
from functools import partial

import bleach

from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import escape

ALLOWED_TAGS = frozenset({
    # markdown-it writes ~~struck~~ text as <s>.
    "p", "br", "em", "strong", "s", "del", "ul", "ol", "li", "blockquote",
    "a", "code", "pre", "hr",
})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel", "title"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("strikethrough")
    # Headings inside a post would compete with the page's own; "#1 tip" stays text.
    .disable(["heading", "lheading"])
)


def _mark_images_inside_links(state):
    """Mark each image that sits inside a link, in one pass over the tokens.

    Asking "am I inside a link?" from the render rule meant rescanning every
    earlier token for every image: a 50,000-character post of images took
    seconds to render.
    """
    for block in state.tokens:
        depth = 0
        for token in block.children or ():
            if token.type == "link_open":
                depth += 1
            elif token.type == "link_close":
                depth -= 1
            elif token.type == "image" and depth > 0:
                token.meta["inside_link"] = True


def _image_as_link(renderer, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = "".join(child.content for child in (token.children or [])) or src
    # A link inside a link would leave the outer one empty: keep the words only.
    if token.meta.get("inside_link"):
        return str(escape(alt))
    return f'<a href="{escape(src)}">{escape(alt)}</a>'


# "@name": a word starting with a letter, digit or underscore, ending
# with one (so "thanks @ana." mentions ana), not part of an email address.
MENTION = re.compile(r"(?<![\w@.-])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?)")


def _link_mentions(state):
    """Turn "@name" into a link to the member's profile, for the names the
    caller found to be members (env["mentions"]: lowercased name -> address);
    other names stay text, and so does anything in code or inside a link.
    The names linked are collected in env["mentioned"]."""
    known = state.env.get("mentions")
    if not known:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children, depth = [], 0
        for token in block.children:
            depth += token.type == "link_open"
            depth -= token.type == "link_close"
            children.extend(_split_mentions(token, known, state.env) if token.type == "text" and depth == 0 else [token])
        block.children = children


def _split_mentions(token, known, env):
    pieces, start = [], 0
    for match in MENTION.finditer(token.content):
        key = match.group(1).lower()
        if key not in known:
            continue
        pieces.append(_text(token.content[start:match.start()]))
        link = Token("link_open", "a", 1)
        link.attrSet("href", known[key])
        pieces += [link, _text(match.group(0)), Token("link_close", "a", -1)]
        env.setdefault("mentioned", set()).add(key)
        start = match.end()
    if not pieces:
        return [token]
    return [*pieces, _text(token.content[start:])]


def _text(content):
    token = Token("text", "", 0)
    token.content = content
    return token


_md.core.ruler.push("images_inside_links", _mark_images_inside_links)
_md.core.ruler.push("mentions", _link_mentions)
_md.add_render_rule("image", _image_as_link)


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


def make_cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS):
    """Build the bleach cleaner for an allow-list.

    The forum uses one cleaner, made with the defaults just below. The arguments
    exist so the tests can build a deliberately widened one and prove that
    they would notice if the real allow-list were ever widened that way.
    """
    return bleach.Cleaner(
        tags=tags,
        attributes=attributes,
        protocols=protocols,
        # Drop a disallowed tag rather than show it as text: markdown-it has
        # already escaped what the member typed, so no tag here is theirs to show.
        strip=True,
        # Bare URLs become links, and every link, new or existing, gets our rel.
        filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=False)],
    )


_cleaner = make_cleaner()


def sanitise(html: str) -> str:
    """Remove everything outside the allow-list from a piece of HTML.

    This is the forum's one sanitiser pass; render() goes through it, and the
    tests feed it hostile HTML directly, since Markdown would escape most of
    that before the allow-list ever saw it.
    """
    return _cleaner.clean(html)


def render(source: str, mentions=None, mentioned=None) -> str:
    """Return safe HTML for a piece of user-written Markdown. `mentions`
    maps lowercased member names to their profile addresses: "@name" for
    those becomes a link, and the names linked are added to the set
    `mentioned` when one is given."""
    env = {"mentions": mentions} if mentions else {}
    html = sanitise(_md.render(source or "", env)).strip()
    if mentioned is not None:
        mentioned.update(env.get("mentioned", ()))
    return html


def quote(author_name: str, source: str, address: str = "") -> str:
    """A Markdown block quote of a post, for the start of a reply; with the
    post's `address`, "wrote" links back to it."""
    lines = (source or "").strip().splitlines() or [""]
    quoted = "\n".join(("> " + line).rstrip() for line in lines)
    wrote = f"[wrote]({address})" if address else "wrote"
    return f"> **{author_name}** {wrote}:\n>\n{quoted}\n\n"
