"""A short, readable name for a browser from its User-Agent ("Firefox on
Windows"), so a member can tell their signed-in devices apart. Rough on
purpose: it only has to be recognisable, not exact."""

# Order matters: Edge and Opera say "Chrome", Chrome says "Safari", and
# Android says "Linux".
_BROWSERS = (
    ("Edg", "Edge"), ("OPR/", "Opera"), ("Opera", "Opera"), ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"), ("FxiOS", "Firefox"), ("CriOS", "Chrome"), ("Chrome/", "Chrome"),
    ("Chromium", "Chromium"), ("Safari/", "Safari"), ("curl/", "curl"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
    ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
)


def _first(table, user_agent):
    return next((name for marker, name in table if marker in user_agent), None)


def device_name(user_agent):
    user_agent = user_agent or ""
    browser, system = _first(_BROWSERS, user_agent), _first(_SYSTEMS, user_agent)
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "An unknown browser")
