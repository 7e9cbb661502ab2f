"""Running Lighthouse (fetched by fetch_tools.py) with Debian's Chromium, and
reading its report: the category scores, and the audits that cost points.

Used by tests/browser/test_lighthouse.py and benchmarks/lighthouse.py.
"""
import json
import os
import subprocess

from . import fetch_tools

CHROMIUM = "/usr/bin/chromium"  # Debian's, as for Playwright (conftest.py)
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Scores Lighthouse gives to audits that pass, or that say nothing about the page.
NOT_A_SHORTFALL = {"manual", "notApplicable", "informative", "error"}


def run(url, categories=CATEGORIES, desktop=False, timeout=240):
    """Lighthouse's report (parsed JSON) for `url`, in the mobile form factor
    (its default: a mid-range phone on a slow 4G network, simulated) or the
    desktop one."""
    command = [str(fetch_tools.path("lighthouse")), url, "--output=json", "--output-path=stdout", "--quiet",
               "--disable-full-page-screenshot",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}", f"--only-categories={','.join(categories)}"]
    if desktop:
        command.append("--preset=desktop")
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                              env=dict(os.environ, CHROME_PATH=CHROMIUM))
    if finished.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url} (exit status {finished.returncode}):\n{finished.stderr[-3000:]}")
    report = json.loads(finished.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def scores(report):
    """{category id: score out of 100}; None where Lighthouse could not score it."""
    return {name: None if category["score"] is None else round(category["score"] * 100)
            for name, category in report["categories"].items()}


def shortfalls(report, category):
    """The audits in `category` that scored under 1: (weight, id, title, score, what it measured)."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["score"] is None or audit["score"] >= 1 or audit["scoreDisplayMode"] in NOT_A_SHORTFALL:
            continue
        found.append((ref["weight"], ref["id"], audit["title"], audit["score"], audit.get("displayValue", "")))
    return sorted(found, key=lambda item: -item[0])


def describe_shortfalls(report, categories):
    lines = []
    for category in categories:
        for weight, name, title, score, value in shortfalls(report, category):
            lines.append(f"  {category}: {name} (weight {weight}, score {score:.2f}) {title}"
                         + (f": {value}" if value else ""))
    return "\n".join(lines)
