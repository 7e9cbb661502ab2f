"""Where a redirect may go."""
from urllib.parse import urlsplit


def safe_next(target):
    """`target` if it is a path on this site, else None.

    Refuses absolute URLs, scheme-relative `//host` and backslash tricks
    that some browsers read as another host.
    """
    if not target or not isinstance(target, str):
        return None
    target = target.strip()
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
