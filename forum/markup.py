"""Markdown to sanitised HTML: the forum's one sanitiser and allow-list.

User text is rendered here once, when it is written, and the result is
stored beside the source. Raw HTML never survives: markdown-it escapes it,
and bleach then removes anything outside the allow-list. Images become
plain links, since loading another site's image would let it track readers.
"""
import bleach
from functools import partial

from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
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


_md.core.ruler.push("images_inside_links", _mark_images_inside_links)
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


def render(source: str) -> str:
    """Return safe HTML for a piece of user-written Markdown."""
    return sanitise(_md.render(source or "")).strip()


def quote(author_name: str, source: str) -> str:
    """A Markdown block quote of a post, for the start of a reply."""
    lines = (source or "").strip().splitlines() or [""]
    quoted = "\n".join(("> " + line).rstrip() for line in lines)
    return f"> **{author_name}** wrote:\n>\n{quoted}\n\n"
