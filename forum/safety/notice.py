"""What a writer is shown before their post goes up.

The checks never stop anyone publishing. The first time a post is sent with
something the checks find, the form comes back with a notice, everything
typed still in it, and the signals shown recorded in a hidden field; sent
again with nothing new found, it is published. A notice is private: it is
only ever on the writer's own form.
"""
from typing import NamedTuple

from .queries import check, crisis_resources

SEEN_FIELD = "seen_signals"


class Notice(NamedTuple):
    findings: object
    resources: list

    def __contains__(self, signal):
        return signal in self.findings.signals


def notice_for(sent, *texts):
    """The notice to show before publishing `texts`, or None when the writer
    has already seen one for everything found (or nothing is found).
    `sent` is the form as the browser sent it."""
    findings = check(*texts)
    seen = set(filter(None, sent.get(SEEN_FIELD, "").split(",")))
    if not findings.signals - seen:
        return None
    resources = crisis_resources() if "crisis" in findings.signals else []
    return Notice(findings, resources)
