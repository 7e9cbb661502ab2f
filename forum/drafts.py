"""Keeping what someone typed when their session or form token expired.

A long post must never be lost to an expired CSRF token, a session that
ended while it was being written, a disclaimer that must be accepted again
or a rate limit. Each brings the text back in a form with a fresh token and a
plain explanation. These are the pieces; `auth` (sessions and CSRF) and
`disclaimer` use them for their own refusals.
"""
from urllib.parse import urlsplit

from flask import flash, render_template, request
from flask_login import current_user

from .errors import render_error
from .navigation import safe_next

# Every field worth keeping, with its label on the rescue page and how it
# is shown there. A test fails when a form gains a field in neither list.
DRAFT_FIELDS = {
    "title": ("Title", "line"),
    "body": ("Your post", "text"),
    "bio": ("About you", "text"),
    "reason": ("Reason", "text"),
    "note": ("Note", "text"),
    "summary": ("Short form", "text"),
    "category_id": ("Category", "hidden"),
    # Dropped, a thread meant for members would be posted for everyone.
    "members_only": ("Members only: visitors and search engines see only the title", "checkbox"),
    # A practitioner's application, and the moderators' side of it.
    "credential": ("Credential", "hidden"),
    "licence_number": ("Licence number", "line"),
    "jurisdiction": ("Issued by", "hidden"),
    "jurisdiction_other": ("Country", "line"),
    "legal_name": ("Full name on the licence", "line"),
    "licence_expires_on": ("Licence expiry date", "line"),
    "practice_name": ("Practice name", "line"),
    "city": ("City", "line"),
    "npi": ("NPI number", "line"),
    "show_licence": ("Show my licence number, legal name and NPI on my profile", "checkbox"),
    "answer": ("Your answer", "text"),
    # The safety lists and crisis resources the moderators keep.
    "phrase": ("Phrase", "line"),
    "region": ("Where it helps", "line"),
    "name": ("Name", "line"),
    "contact": ("How to reach it", "line"),
    "url": ("Web address", "line"),
    "message": ("Message", "text"),
    # A story's account; treatment rows are sent as treatments-0-term...
    "conditions": ("Conditions", "hidden"),
    "other_condition": ("Another condition", "line"),
    "causes": ("How it started", "hidden"),
    "other_cause": ("Another cause", "line"),
    "side": ("Which side", "hidden"),
    "started_month": ("Month it started", "hidden"),
    "started_year": ("Year it started", "hidden"),
    "now": ("How it is now", "hidden"),
    "term": ("Treatment", "hidden"),
    "outcome": ("How it went", "hidden"),
    "duration": ("How long, or how many sessions", "line"),
    # A vocabulary entry, added or renamed by a moderator.
    "label": ("Name", "line"),
    "slug": ("Address", "line"),
    "source_checked": ("Checked with", "line"),
    "source_url": ("Licence search address", "line"),
    "checked_on": ("Checked on", "line"),
    # Dropped, a rescued disclaimer would be published without asking
    # members to accept it again: it is kept, and shown ticked.
    "must_accept": ("Members must accept this version again before their next post", "checkbox"),
}
# Filled in, but deliberately not kept. Sign-in and sign-up details (and
# passwords, which no list here names) are retyped in seconds, and so is a
# practitioner's agreement to the guidelines, which is asked again; a ban or a
# suspension's end date is never sent again on one click from a rescue page:
# without it the moderator is asked again; so is the entry a vocabulary entry
# is merged into, which can't be undone. A text tried against the safety
# lists is sent by a GET, which no token guards.
NEVER_KEPT = {"login", "username", "email", "accept", "remember", "ban", "until", "agree", "into", "text",
              # A setting, chosen again in a click.
              "follow_own_threads", "time_zone", "theme",
              # Email notification choices, one per topic (notifications.email_topics).
              "own_threads", "mentions", "followed_threads", "quotes", "followed_categories", "reactions", "moderators"}


def _kind_of(name):
    """A field's name without the prefix a page with several forms gives it
    (the admin's member page sends warn-reason, note-body...)."""
    return name.rsplit("-", 1)[-1]


def _sent(form):
    """(name, value) pairs; a field sent several times (ticked boxes) keeps
    every value, as a list."""
    if hasattr(form, "lists"):
        return [(name, values if len(values) > 1 else values[0]) for name, values in form.lists()]
    return list(form.items())


def _filled(value):
    return any(v.strip() for v in value) if isinstance(value, list) else bool(value.strip())


def preserved_fields(form):
    return {name: value for name, value in _sent(form) if _kind_of(name) in DRAFT_FIELDS and _filled(value)}


def carried_draft(form):
    """The draft a sign-in or accept-the-disclaimer form carried in its
    hidden draft_* fields, as {field: text, or a list of them}."""
    carried = {name.removeprefix("draft_"): value for name, value in _sent(form) if name.startswith("draft_")}
    return preserved_fields(carried)


def render_rescue(action_path, draft, message, status=200):
    return render_template(
        "drafts/rescue.html",
        action=safe_next(action_path) or "/",
        fields=[(name, text, *DRAFT_FIELDS[_kind_of(name)]) for name, text in draft.items()],
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


# The flash category that tells the browser a composer's text was sent
# (base.html puts the form's address in <body data-draft-sent>), so the
# copy static/js/composer.js kept as it was typed can go.
DRAFT_SENT = "draft_sent"


def init_draft_rescue(app):
    @app.after_request
    def tell_browser_draft_sent(response):
        # Accepted text ends in a redirect (post/redirect/get); a form that
        # comes back with an error or a notice keeps the browser's copy.
        if request.method == "POST" and response.status_code in (302, 303) and preserved_fields(request.form):
            flash(request.path, DRAFT_SENT)
        return response

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
