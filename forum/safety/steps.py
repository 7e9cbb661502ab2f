"""Checking a post as it is saved."""
from ..transactions import step
from .advice import gives_advice
from .queries import check


@step
def mark_post(post, *texts):
    """Record on `post` what the checks find in its text and in `texts`
    (the thread's title, a story's notes). The moderators' queue opens an
    item for a possible emergency or risk of self-harm as the post is
    saved (moderation.flags); nothing here hides or holds the post. Also
    whether the post gives advice, for the line readers see under it."""
    findings = check(*texts, post.body)
    post.signals = findings.listed()
    post.gives_advice = gives_advice(post.body)
    return findings
