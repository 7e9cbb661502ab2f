"""One-click unsubscribe from the link in every notification email.

The signed link is the proof of who is asking, so nobody needs to be signed
in. Opening it (GET) only shows a button: mail scanners open links. The
button POSTs with the page's CSRF token; a mail client's own unsubscribe
button (RFC 8058) POSTs `List-Unsubscribe=One-Click` and no token, so the
view is exempt from the automatic check and asks for the token itself when
the request is not such a one-click POST.
"""
from flask import flash, redirect, render_template, request, url_for

from ..auth.tokens import TokenError, read_token
from ..errors import render_error
from ..extensions import csrf
from . import bp, email_services
from .email_topics import ALL_DAILY, BY_NAME

BROKEN = "This unsubscribe link doesn't work: it may have been copied incompletely. You can choose what we email you here."


def _what(topic):
    return "the daily email" if topic == ALL_DAILY else f"emails about “{BY_NAME[topic].label}”"


def _read(token):
    """(member, topic) of a good link, or None."""
    try:
        member, data = read_token("unsubscribe", token)
    except TokenError:
        return None
    topic = data.get("topic")
    return (member, topic) if topic == ALL_DAILY or topic in BY_NAME else None


@bp.route("/unsubscribe/<token>", methods=["GET"])
def unsubscribe_page(token):
    found = _read(token)
    if found is None:
        flash(BROKEN, "error")
        return redirect(url_for("settings.emails"))
    return render_template("notifications/unsubscribe.html", token=token, what=_what(found[1]))


@bp.route("/unsubscribe/<token>", methods=["POST"])
@csrf.exempt
def unsubscribe(token):
    if request.form.get("List-Unsubscribe") != "One-Click":
        csrf.protect()
    found = _read(token)
    if found is None:
        return render_error(400, BROKEN.partition(":")[0] + ".")
    member, topic = found
    stopped = email_services.unsubscribe(member, topic)
    return render_template("notifications/unsubscribed.html", what=_what(topic), stopped=stopped)
