"""Keeping what someone typed when their session or form token expired.

A long post must never be lost to an expired CSRF token, a session that
ended while it was being written, a disclaimer that must be accepted again
or a rate limit. Each brings the text back in a form with a fresh token and a
plain explanation. These are the pieces; `auth` (sessions and CSRF) and
`disclaimer` use them for their own refusals.
"""
from urllib.parse import urlsplit

from flask import render_template, request
from flask_login import current_user

from .errors import render_error
from .navigation import safe_next

# Every field a person writes into, with the label the rescue page gives
# it. A test fails when a form gains a text field that is in neither list.
DRAFT_FIELDS = {
    "title": "Title",
    "body": "Your post",
    "bio": "About you",
    "reason": "Reason",
    "note": "Note",
    "summary": "Short form",
    "category_id": "Category",
}
# Typed, but never carried in a page's hidden fields: sign-in details (and
# passwords, which no list here names) are retyped in seconds.
NEVER_KEPT = {"login", "username", "email"}


def preserved_fields(form):
    return {name: form.get(name, "") for name in DRAFT_FIELDS if form.get(name, "").strip()}


def carried_draft(form):
    """The draft a sign-in or accept-the-disclaimer form carried in its
    hidden draft_* fields, as {field: text}."""
    return {name: form.get("draft_" + name, "") for name in DRAFT_FIELDS if form.get("draft_" + name, "").strip()}


def render_rescue(action_path, draft, message, status=200):
    return render_template(
        "drafts/rescue.html",
        action=safe_next(action_path) or "/",
        draft=draft,
        labels=DRAFT_FIELDS,
        message=message,
    ), status


def sent_from_this_site():
    """False when the browser says the form was sent from another site.

    A post forged on another site fails the CSRF check too. Handing its text
    back in a fresh form with a valid token, under "your text is below",
    would let that site put words in a member's mouth, or a reason in a
    moderator's hide or warn form, one click from being sent. Browsers say
    where a post came from in Sec-Fetch-Site, or else in Origin or Referer;
    a request that says nothing is given the benefit of the doubt.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    source = request.headers.get("Origin") or request.headers.get("Referer")
    return source is None or urlsplit(source).netloc == request.host


def init_draft_rescue(app):
    @app.errorhandler(429)
    def too_fast(error):
        # A post refused for coming too fast keeps its text like any other.
        draft = preserved_fields(request.form) if request.method == "POST" else {}
        if not draft or not current_user.is_authenticated:
            return render_error(429)
        return render_rescue(
            request.path,
            draft,
            "You're posting faster than the forum allows, so nothing was sent. Wait a minute, then send your text again.",
            status=429,
        )
