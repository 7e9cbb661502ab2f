"""The allow-list itself, fed hostile HTML directly rather than through Markdown.

markdown-it escapes raw HTML, so tests/test_markup.py would still pass if the
allow-list let <script> through: bleach never sees a real tag there. These
tests hand real tags straight to markup.sanitise, and the meta-test at the
end proves they have teeth by widening the allow-list and checking that they
notice.
"""
import re
from html.parser import HTMLParser

import pytest

from forum import markup

# The most the sanitiser may ever let through, written out here rather than
# read from markup: if the checks below trusted markup.ALLOWED_TAGS, adding
# "script" to it would widen the checks too and every test would still pass.
# Widening on purpose means reviewing and changing this copy as well.
SAFE_TAGS = frozenset({
    "p", "br", "em", "strong", "s", "del", "ul", "ol", "li", "blockquote",
    "a", "code", "pre", "hr",
})
SAFE_ATTRIBUTES = {"a": {"href", "rel", "title"}, "ol": {"start"}}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
REQUIRED_REL = "nofollow ugc noopener"

# Real-world cross-site scripting, tracking and phishing vectors, by kind.
# Ids name each one, so a failure says which trick got through.
HOSTILE = {
    # Scripts, however they are spelt or split.
    "script": "<script>alert(1)</script>",
    "script src, upper case": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "script split by script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "script doubled brackets": "<<script>script>alert(1)<</script>/script>",
    "script inside a paragraph": "<p>fine <script>alert(1)</script></p>",
    "script in a raw-text element": "<textarea><script>alert(1)</script></textarea>",
    "script in a template": "<template><script>alert(1)</script></template>",
    "script after plaintext": "<plaintext><script>alert(1)",
    # Frames and plug-ins.
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "frameset": "<frameset><frame src=javascript:alert(1)></frameset>",
    "object": '<object data="evil.swf" type="application/x-shockwave-flash"><param name=a value=b></object>',
    "embed": '<embed src="evil.swf">',
    "applet": "<applet code=Evil.class></applet>",
    # SVG and MathML, and the namespace-confusion (mXSS) tricks they allow.
    "svg onload": "<svg onload=alert(1)>",
    "script inside svg": "<svg><script>alert(1)</script></svg>",
    "svg xlink:href": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg animate to javascript": "<svg><animate attributeName=href to=javascript:alert(1) /></svg>",
    "math mglyph style": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "math href": '<math href="javascript:alert(1)">x</math>',
    "noscript title breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # Images and media: event handlers, and loading another site's content.
    "img onerror": "<img src=x onerror=alert(1)>",
    "img javascript src": "<IMG SRC=javascript:alert(1)>",
    "img tracking pixel": '<img src="https://tracker.example/p.png">',
    "picture source": "<picture><source srcset=x onerror=alert(1)></picture>",
    "video source onerror": "<video><source onerror=alert(1)></video>",
    "audio onerror": "<audio src=x onerror=alert(1)>",
    "body onload": "<body onload=alert(1)>",
    # Links that run code: plain, mixed case, entity-encoded, padded, split.
    "javascript href": '<a href="javascript:alert(1)">x</a>',
    "javascript href, mixed case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "javascript href, unquoted": "<a href=javascript:alert(1)>x</a>",
    "javascript href, decimal entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "javascript href, hex entities": '<a href="&#x6A;&#x61;&#x76;&#x61;script&colon;alert(1)">x</a>',
    "javascript href, padded entities": (
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099'
        '&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>'
    ),
    "javascript href, leading space": '<a href=" javascript:alert(1)">x</a>',
    "javascript href, leading controls": '<a href="\x01\x02 javascript:alert(1)">x</a>',
    "javascript href, tab inside": '<a href="java\tscript:alert(1)">x</a>',
    "javascript href, tab entity": '<a href="java&#x09;script:alert(1)">x</a>',
    "javascript href, newline entity": '<a href="java&NewLine;script&colon;alert(1)">x</a>',
    "javascript href, second of two": '<a href="https://example.org" href="javascript:alert(1)">x</a>',
    "vbscript href": '<a href="vbscript:msgbox(1)">x</a>',
    "vbscript href, upper case": '<a href="VBSCRIPT:msgbox(1)">x</a>',
    "data html href": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "data html href, inline": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "file href": '<a href="file:///etc/passwd">x</a>',
    # Event handlers and styles on tags that are allowed.
    "a onclick": '<a href="https://example.org" onclick="steal()">hi</a>',
    "a onclick after slash": '<a href="https://example.org"/onclick=alert(1)>hi</a>',
    "p onmouseover": '<p onmouseover="alert(1)">hover</p>',
    "blockquote upper-case handler": "<blockquote ONMOUSEOVER=alert(1)>q</blockquote>",
    "strong onfocus": "<strong onfocus=alert(1) tabindex=0>x</strong>",
    "list handlers": "<ol start=1 onclick=alert(1)><li onclick=alert(1)>a</li></ol>",
    "a target and own rel": '<a href="https://example.org" target="_blank" rel="opener">x</a>',
    "style url javascript": '<p style="background:url(javascript:alert(1))">x</p>',
    "style overlay link": (
        '<a href="https://example.org" style="position:fixed;top:0;left:0;width:100%;height:100%">'
        "Sign in again</a>"
    ),
    "style expression": '<em style="width:expression(alert(1))">x</em>',
    # Forms that phish or post elsewhere.
    "form and password": '<form action="https://evil.example"><input name=password type=password></form>',
    "button formaction": '<button formaction="javascript:alert(1)">go</button>',
    "button formaction in form": "<form><button formaction=javascript:alert(1)>go</button></form>",
    "input image onerror": "<input type=image src=x onerror=alert(1)>",
    "input autofocus onfocus": "<input autofocus onfocus=alert(1)>",
    "textarea onfocus": "<textarea autofocus onfocus=alert(1)></textarea>",
    "select onfocus": "<select autofocus onfocus=alert(1)></select>",
    "isindex": "<isindex action=javascript:alert(1) type=image>",
    # Tags that act on the whole page.
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base href": '<base href="https://evil.example/">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "link import": "<link rel=import href=evil.html>",
    "style element": "<style>body{display:none}</style>",
    "style import": '<style>@import "https://evil.example/x.css";</style>',
    "title": "<title><script>alert(1)</script></title>",
    # Nesting and unclosed tags.
    "unclosed link then script": '<p>unclosed <a href="https://example.org">link <script>alert(1)',
    "link inside link": '<a href="https://example.org"><a href="javascript:alert(1)">in</a></a>',
    "iframe deep inside allowed tags": "<div><p onclick=x>deep <em><iframe src=x></em></p></div>",
    "script in a table": "<table><tr><td><script>alert(1)</script>",
    "unclosed attribute": '<a href="https://example.org" title="x>y<script>alert(1)</script>',
    # Comments, conditional comments, CDATA, declarations.
    "comment": "<!-- <script>alert(1)</script> -->",
    "conditional comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "abruptly closed comment": "<!--><script>alert(1)</script>-->",
    "comment hiding a close tag": '<a href="https://example.org"><!--</a><script>alert(1)</script>-->x</a>',
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "processing instruction and doctype": '<?xml-stylesheet href="evil.xsl"?><!DOCTYPE html>x',
}


class _Collector(HTMLParser):
    """Collect every tag, attribute and comment-like node in a piece of HTML.

    Attribute values arrive with entities decoded, as a browser sees them.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.starts = []  # (tag, [(name, value), ...])
        self.ends = []
        self.others = []  # comments, declarations, processing instructions

    def handle_starttag(self, tag, attrs):
        self.starts.append((tag, attrs))

    def handle_endtag(self, tag):
        self.ends.append(tag)

    def handle_comment(self, data):
        self.others.append("comment")

    def handle_decl(self, decl):
        self.others.append("declaration")

    def unknown_decl(self, data):
        self.others.append("CDATA or unknown declaration")

    def handle_pi(self, data):
        self.others.append("processing instruction")


# Browsers remove tabs and newlines anywhere in a URL and trim control
# characters and spaces from its ends before looking for the scheme.
_URL_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def href_scheme(href):
    """The scheme a browser would follow for this href; "" when it is relative."""
    url = _URL_TABS_AND_NEWLINES.sub("", href).strip(_C0_AND_SPACE).lower()
    match = _SCHEME.match(url)
    return match.group(1) if match else ""


def violations(html):
    """Everything in sanitised HTML that a safe allow-list would have removed.

    Checks against this file's SAFE_* sets, never against whatever cleaner made
    the HTML, so the meta-test below runs these same checks on a widened cleaner.
    """
    parser = _Collector()
    parser.feed(html)
    parser.close()
    found = [f"{kind} survived" for kind in parser.others]
    for tag in parser.ends:
        if tag not in SAFE_TAGS:
            found.append(f"tag {tag}")
    for tag, attrs in parser.starts:
        if tag not in SAFE_TAGS:
            found.append(f"tag {tag}")
        allowed = SAFE_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                found.append(f"attribute {tag}[{name}]")
            elif name == "href":
                scheme = href_scheme(value or "")
                if scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"href scheme {scheme}")
        if tag == "a" and dict(attrs).get("rel") != REQUIRED_REL:
            found.append(f"link without rel={REQUIRED_REL!r}")
    return found


def battery_violations(clean):
    """Run every hostile vector through a clean function and pool what got through."""
    return [f"{name}: {problem}" for name, html in HOSTILE.items() for problem in violations(clean(html))]


# The real allow-list stops every vector.

def test_the_allow_list_is_no_wider_than_the_safe_one():
    # Says plainly what the battery would also catch: markup was widened.
    assert markup.ALLOWED_TAGS <= SAFE_TAGS
    for tag, names in markup.ALLOWED_ATTRIBUTES.items():
        assert set(names) <= SAFE_ATTRIBUTES.get(tag, set()), tag
    assert markup.ALLOWED_PROTOCOLS <= SAFE_SCHEMES


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_comes_out_harmless(html):
    cleaned = markup.sanitise(html)
    assert violations(cleaned) == [], cleaned


# ...without stripping everything, which would pass the test above trivially.

ALLOWED_MARKUP = (
    "<p>Heat <em>helped</em>, <strong>a lot</strong>, <s>not ice</s> <del>or rest</del>.<br>Really.</p>"
    '<ol start="3"><li>stretch</li><li>walk</li></ol><ul><li>one</li></ul>'
    "<blockquote><p>quoted</p></blockquote><pre><code>x &lt; y</code></pre><hr>"
    '<p><a href="https://example.org/a" title="Exercises">https</a> '
    '<a href="http://example.org/b">http</a> <a href="mailto:dana@example.org">mail</a> '
    '<a href="/threads/1">relative</a> <a href="#post-2">fragment</a></p>'
)


def test_allowed_markup_survives_with_rel_forced_on_links():
    cleaned = markup.sanitise(ALLOWED_MARKUP)
    assert violations(cleaned) == []
    # Every tag and attribute kept as written; only rel is added to each link.
    rel = ' rel="nofollow ugc noopener"'
    assert cleaned == (
        "<p>Heat <em>helped</em>, <strong>a lot</strong>, <s>not ice</s> <del>or rest</del>.<br>Really.</p>"
        '<ol start="3"><li>stretch</li><li>walk</li></ol><ul><li>one</li></ul>'
        "<blockquote><p>quoted</p></blockquote><pre><code>x &lt; y</code></pre><hr>"
        f'<p><a href="https://example.org/a" title="Exercises"{rel}>https</a> '
        f'<a href="http://example.org/b"{rel}>http</a> <a href="mailto:dana@example.org"{rel}>mail</a> '
        f'<a href="/threads/1"{rel}>relative</a> <a href="#post-2"{rel}>fragment</a></p>'
    )


@pytest.mark.parametrize("html, kept", [
    ('<a href="https://example.org" onclick="steal()">hi</a>',
     '<a href="https://example.org" rel="nofollow ugc noopener">hi</a>'),
    ('<p onmouseover="alert(1)" style="color:red">hover</p>', "<p>hover</p>"),
    ('<a href="javascript:alert(1)" title="t">click</a>', '<a title="t" rel="nofollow ugc noopener">click</a>'),
    ("<ol start=2 onclick=alert(1)><li>a</li></ol>", '<ol start="2"><li>a</li></ol>'),
    ("<p>before <script>alert(1)</script> after</p>", "<p>before alert(1) after</p>"),
    ("<strong>bold <iframe src=x></iframe>still bold</strong>", "<strong>bold still bold</strong>"),
])
def test_the_allowed_part_of_a_hostile_tag_survives(html, kept):
    assert markup.sanitise(html) == kept


def test_checker_reads_href_schemes_as_a_browser_would():
    assert href_scheme("java\tscript:alert(1)") == "javascript"
    assert href_scheme("\x01 JavaScript:alert(1)") == "javascript"
    assert href_scheme("https://example.org") == "https"
    assert href_scheme("/threads/1?a=b:c") == ""
    assert href_scheme("&#106;avascript:alert(1)") == ""  # entities are the parser's job
    assert violations('<a href="&#106;avascript:x" rel="nofollow ugc noopener">x</a>') == ["href scheme javascript"]


# The battery has teeth: widen the allow-list one way at a time, and the same
# checks must catch it.

WIDENINGS = {
    "script tag": ({"tags": markup.ALLOWED_TAGS | {"script"}}, "tag script"),
    "iframe tag": ({"tags": markup.ALLOWED_TAGS | {"iframe"}}, "tag iframe"),
    "style tag": ({"tags": markup.ALLOWED_TAGS | {"style"}}, "tag style"),
    "img tag with src": (
        {"tags": markup.ALLOWED_TAGS | {"img"}, "attributes": {**markup.ALLOWED_ATTRIBUTES, "img": ["src"]}},
        "tag img",
    ),
    "form and input tags": ({"tags": markup.ALLOWED_TAGS | {"form", "input"}}, "tag form"),
    "onclick on links": (
        {"attributes": {**markup.ALLOWED_ATTRIBUTES, "a": [*markup.ALLOWED_ATTRIBUTES["a"], "onclick"]}},
        "attribute a[onclick]",
    ),
    "onmouseover on paragraphs": (
        {"attributes": {**markup.ALLOWED_ATTRIBUTES, "p": ["onmouseover"]}},
        "attribute p[onmouseover]",
    ),
    "style everywhere": ({"attributes": {**markup.ALLOWED_ATTRIBUTES, "*": ["style"]}}, "[style]"),
    "target on links": (
        {"attributes": {**markup.ALLOWED_ATTRIBUTES, "a": [*markup.ALLOWED_ATTRIBUTES["a"], "target"]}},
        "attribute a[target]",
    ),
    "javascript scheme": ({"protocols": markup.ALLOWED_PROTOCOLS | {"javascript"}}, "href scheme javascript"),
    "vbscript scheme": ({"protocols": markup.ALLOWED_PROTOCOLS | {"vbscript"}}, "href scheme vbscript"),
    "data scheme": ({"protocols": markup.ALLOWED_PROTOCOLS | {"data"}}, "href scheme data"),
}


# bleach warns that allowing style without a CSS sanitiser is a mistake; here it is the point.
@pytest.mark.filterwarnings("ignore::bleach.sanitizer.NoCssSanitizerWarning")
@pytest.mark.parametrize("widening, expected", WIDENINGS.values(), ids=WIDENINGS.keys())
def test_the_battery_catches_a_widened_allow_list(widening, expected):
    widened = markup.make_cleaner(**widening)
    found = battery_violations(widened.clean)
    assert any(expected in problem for problem in found), found


def test_the_real_allow_list_passes_the_same_battery():
    # The other half of the meta-test: what the widened cleaners are caught
    # for is the widening, not something the real cleaner also lets through.
    assert battery_violations(markup.sanitise) == []
