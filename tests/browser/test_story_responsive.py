"""On a 360 to 390px phone the story pages fit the screen, and every
control on them (each checkbox and radio button with its label) is big
enough to tap."""
import pytest

from . import story_data as data
from .screens import PHONE, screenshot_path

pytestmark = pytest.mark.browser

WIDTHS = [360, 390]
TAP_MIN = 44


@pytest.fixture
def scene():
    return data.build_scene()


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def phone(request, new_page):
    """A phone's page `width` pixels wide, with touch."""
    viewport = {"width": request.param, "height": PHONE["height"]}
    return new_page(viewport=viewport, is_mobile=True, has_touch=True)


@pytest.mark.parametrize("name", data.PHONE_PAGES)
def test_story_page_fits_a_small_phone(phone, signed_in, scene, name):
    data.open_page(phone, signed_in, scene, name)
    viewport = phone.viewport_size["width"]
    if viewport == PHONE["width"]:
        phone.screenshot(path=screenshot_path(f"story-{name}-phone.png"), full_page=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport, f"{name} is {width}px wide on a {viewport}px phone: it scrolls sideways"


# What a thumb has to hit: a control with its label when the label works it
# too (a checkbox's or radio button's), and the action links beside forms.
TAP_TARGETS = """
scope => {
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const controls = [...document.querySelectorAll(scope)].flatMap(root => [...root.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, summary, a.button, .story-actions a')]);
  return controls.filter(shown).map(el => {
    const boxes = [el, ...(['checkbox', 'radio'].includes(el.type) ? el.labels : [])].map(b => b.getBoundingClientRect());
    const height = Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top));
    const label = (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent || el.value || '').trim();
    return {control: `${el.tagName.toLowerCase()}#${el.id || '?'} “${label.slice(0, 40)}”`, height: Math.round(height)};
  });
}
"""

# name in data.PAGES: the parts of the page whose controls are measured.
TAPPED = {
    "tell": "main form.story-form",
    "story-own": "main .story-card",
    "list": "main .story-filters, main .page-heading",
    "what-helped": "main form",
    "alike": "main form, main .story-item",
    "alike-newcomer": "main form",
}


@pytest.mark.parametrize("name", TAPPED)
def test_the_story_controls_are_big_enough_to_tap(phone_page, signed_in, scene, name):
    data.open_page(phone_page, signed_in, scene, name)
    found = phone_page.evaluate(TAP_TARGETS, TAPPED[name])
    if name != "alike":  # People like me may have no form of its own
        assert found, f"no controls found in {TAPPED[name]}"
    too_small = [f for f in found if f["height"] < TAP_MIN]
    assert not too_small, f"smaller than {TAP_MIN}px on {name}: {too_small}"


CHART_TEXT_MIN = 12


def test_what_helped_chart_text_stays_readable_on_a_phone(phone_page, scene):
    """The chart is an SVG scaled to the screen, so its words shrink with it."""
    phone_page.goto("/stories/what-helped")
    sizes = phone_page.locator("main svg").first.evaluate("""svg => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll('text')].map(t => ({
        text: t.textContent.trim().slice(0, 40),
        px: Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 10) / 10,
      }));
    }""")
    assert sizes
    too_small = [s for s in sizes if s["px"] < CHART_TEXT_MIN]
    assert not too_small, f"chart text under {CHART_TEXT_MIN}px on a {PHONE['width']}px phone: {too_small}"
