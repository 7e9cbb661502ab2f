"""Fetch the checkers the browser tests run, into tests/browser/vendor/.

axe-core (accessibility) and the Nu HTML Checker (vnu.jar, markup) come
from the npm registry as tarballs pinned by version and checked against
the registry's published SHA-512 before anything is unpacked. Lighthouse
has dozens of dependencies, so npm itself installs it, at its pinned
version.

    python tests/browser/fetch_tools.py            # all three
    python tests/browser/fetch_tools.py vnu-jar    # just the ones named
"""
import base64
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).with_name("vendor")

# name: (version, the registry's integrity, the file wanted from the tarball, where it goes)
TARBALLS = {
    "axe-core": (
        "4.14.1",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        "package/axe.min.js",
        VENDOR / "axe-4.14.1.min.js",
    ),
    "vnu-jar": (
        "26.9.27",
        "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==",
        "package/build/dist/vnu.jar",
        VENDOR / "vnu-26.9.27.jar",
    ),
}
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_HOME = VENDOR / f"lighthouse-{LIGHTHOUSE_VERSION}"
LIGHTHOUSE = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"


def path(name):
    """Where the named tool is once fetched."""
    return LIGHTHOUSE if name == "lighthouse" else TARBALLS[name][3]


def fetch_tarball(name):
    version, integrity, member, target = TARBALLS[name]
    if target.exists():
        return 0
    url = f"https://registry.npmjs.org/{name}/-/{name}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        print(f"the {name} tarball does not match its pinned digest: {digest}", file=sys.stderr)
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        content = archive.extractfile(member).read()
    VENDOR.mkdir(exist_ok=True)
    # Written under another name first: an interrupted fetch leaves no half file behind.
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(content)
    partial.replace(target)
    return 0


def fetch_lighthouse():
    if LIGHTHOUSE.exists():
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("npm is missing: install Node.js and npm to run Lighthouse", file=sys.stderr)
        return 1
    LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(LIGHTHOUSE_HOME), f"lighthouse@{LIGHTHOUSE_VERSION}",
               "--no-audit", "--no-fund", "--no-save", "--loglevel=error"]
    return subprocess.run(command, check=False).returncode


def main(names):
    failed = 0
    for name in names or [*TARBALLS, "lighthouse"]:
        failed |= fetch_lighthouse() if name == "lighthouse" else fetch_tarball(name)
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
