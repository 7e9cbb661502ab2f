"""Following an emailed link that confirms an address. Opening the link
changes nothing (mail scanners open links); the button on its page does."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import Refused, show_refusal
from ..extensions import limiter, member_or_address
from . import account_services, bp, services
from .session import start_session
from .tokens import EXPIRED, TokenError, read_token

RESEND_LIMIT = "3/hour;10/day"


def bad_link(error, what, again_url):
    """The page for a link that can't be used: 410 for one that ran out or
    was used, 400 for one that was never right."""
    status = 410 if error.reason != "invalid" else 400
    return render_template("auth/bad_link.html", reason=error.reason, what=what, again_url=again_url,
                           expired=error.reason == EXPIRED), status


def _again_confirm():
    return url_for("settings.account") if current_user.is_authenticated else url_for("auth.login")


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token):
    try:
        if request.method != "POST":
            member, _ = read_token("confirm_email", token)
            return render_template("auth/confirm_email.html", member=member, token=token)
        member = services.confirm_email(token)
    except TokenError as error:
        return bad_link(error, "confirmation link", _again_confirm())
    start_session(member)
    flash(f"Thank you: your address is confirmed, and you're signed in. Welcome, {member.username}.", "success")
    return redirect(url_for("home"))


@bp.route("/confirmation/send-again", methods=["POST"])
@login_required
@limiter.limit(RESEND_LIMIT, key_func=member_or_address)
def send_confirmation_again():
    if services.send_confirmation_again(current_user):
        flash(f"We've sent a new link to {current_user.email}.", "success")
    else:
        flash("Your address is already confirmed.", "info")
    return redirect(url_for("settings.account"))


@bp.route("/confirm-email-change/<token>", methods=["GET", "POST"])
def confirm_email_change(token):
    try:
        if request.method != "POST":
            member, data = read_token("change_email", token)
            return render_template("auth/confirm_email_change.html", member=member, address=data.get("address", ""),
                                   token=token)
        member = account_services.confirm_email_change(token)
    except TokenError as error:
        return bad_link(error, "link to change your address", url_for("settings.account"))
    except Refused as refusal:
        show_refusal(refusal)
        return redirect(url_for("settings.account"))
    # Not signed in from here: a link in an inbox is not a password.
    flash(f"Your email address is now {member.email}.", "success")
    return redirect(url_for("settings.account"))
