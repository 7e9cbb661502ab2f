"""Fetch axe-core from the npm registry for the accessibility checks.

The tarball is pinned by version and checked against the registry's
published SHA-512 before anything is unpacked.
"""
import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
TARGET = Path(__file__).with_name("vendor") / f"axe-{VERSION}.min.js"


def main():
    if TARGET.exists():
        return 0
    with urllib.request.urlopen(URL, timeout=60) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        print(f"axe-core tarball does not match its pinned digest: {digest}", file=sys.stderr)
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        script = archive.extractfile("package/axe.min.js").read()
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_bytes(script)
    return 0


if __name__ == "__main__":
    sys.exit(main())
