"""The screen sizes the forum is checked at, and where screenshots go."""
from pathlib import Path

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def screenshot_path(name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / name)
