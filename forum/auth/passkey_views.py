"""Confirming one's password again before a sensitive change, and signing
in with a passkey (static/js/passkeys.js drives the browser's side)."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import Refused, refusal_as_json
from ..extensions import limiter
from ..navigation import safe_next
from . import bp, passkey_services
from .challenges import keep_challenge, take_challenge
from .fresh import confirm_password as password_confirmed
from .passkey_forms import ConfirmPasswordForm
from .passkeys import relying_party, sign_in_options
from .session import start_session

# As for signing in with a password: generous for a person, tight for a script.
SIGN_IN_LIMIT = "20/minute;100/hour"
EXPIRED = "That took too long, so nothing was checked. Please try again."


@bp.route("/confirm-password", methods=["GET", "POST"])
@login_required
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"])
def confirm_password():
    form = ConfirmPasswordForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        if password_confirmed(current_user, form.password.data):
            return redirect(safe_next(form.next.data) or url_for("settings.index"))
        form.password.errors.append("That isn't your password. Check it and try again.")
    return render_template("auth/confirm_password.html", form=form), 422 if form.errors else 200


@bp.route("/passkey/options", methods=["POST"])
@limiter.limit(SIGN_IN_LIMIT)
def passkey_options():
    if not relying_party().usable:
        return jsonify(error="Passkeys can't be used at this address of the forum. Sign in with your password."), 400
    options, challenge = sign_in_options()
    keep_challenge("sign_in", challenge)
    return options, 200, {"Content-Type": "application/json"}


@bp.route("/passkey/verify", methods=["POST"])
@limiter.limit(SIGN_IN_LIMIT)
def passkey_verify():
    sent = request.get_json(silent=True) or {}
    challenge, _ = take_challenge("sign_in")
    if challenge is None:
        return jsonify(error=EXPIRED), 400
    try:
        member = passkey_services.sign_in_with_passkey(sent.get("credential"), challenge)
    except Refused as refusal:
        return refusal_as_json(refusal)
    start_session(member)
    if member.is_suspended:
        until = "permanently" if member.banned else f"until {member.suspended_until:%-d %b %Y} (UTC)"
        flash(f"Your account is suspended {until}: you can read but not post. The moderators' reason: {member.suspension_reason}", "error")
    return jsonify(redirect=safe_next(sent.get("next")) or url_for("home"))
