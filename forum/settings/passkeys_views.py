"""A member's passkeys: the list, adding one (static/js/passkeys.js asks
the browser to make it) and removing one. Both changes need the password
confirmed in the last few minutes (forum.auth.fresh)."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.security_models import Passkey
from ..auth import passkey_services
from ..auth.challenges import keep_challenge, take_challenge
from ..auth.fresh import confirmed_recently
from ..auth.passkey_forms import PasskeyForm
from ..auth.passkeys import default_name, member_passkeys, passkey_name, registration_options, relying_party
from ..errors import Refused, refusal_as_json
from ..extensions import db
from ..permissions import can
from . import bp

CONFIRM_FIRST = "For your safety, confirm your password before changing your passkeys."


def _confirm_first_url():
    return url_for("auth.confirm_password", next=url_for("settings.passkeys"))


@bp.route("/passkeys")
@login_required
def passkeys():
    form = PasskeyForm(name=default_name(current_user))
    return render_template("settings/passkeys.html", form=form, passkeys=member_passkeys(current_user),
                           usable=relying_party().usable, fresh=confirmed_recently())


@bp.route("/passkeys/options", methods=["POST"])
@login_required
def passkey_options():
    if not confirmed_recently():
        return jsonify(error=CONFIRM_FIRST, confirm=_confirm_first_url()), 403
    sent = request.get_json(silent=True) or {}
    try:
        name = passkey_name(sent.get("name"))
    except Refused as refusal:
        return refusal_as_json(refusal, 422)
    options, challenge = registration_options(current_user)
    keep_challenge("add", challenge, name=name)
    return options, 200, {"Content-Type": "application/json"}


@bp.route("/passkeys", methods=["POST"])
@login_required
def add_passkey():
    if not confirmed_recently():
        return jsonify(error=CONFIRM_FIRST, confirm=_confirm_first_url()), 403
    challenge, kept = take_challenge("add")
    if challenge is None:
        return jsonify(error="That took too long, so nothing was added. Please try again."), 400
    sent = request.get_json(silent=True) or {}
    try:
        passkey = passkey_services.add_passkey(current_user, kept.get("name"), sent.get("credential"), challenge)
    except Refused as refusal:
        return refusal_as_json(refusal)
    flash(f"Passkey “{passkey.name}” added. You can now sign in with it instead of your password.", "success")
    return jsonify(redirect=url_for("settings.passkeys"))


@bp.route("/passkeys/<id:passkey_id>/remove", methods=["POST"])
@login_required
def remove_passkey(passkey_id):
    passkey = db.session.get(Passkey, passkey_id)
    # Someone else's passkey is not there at all, as far as this member can tell.
    if passkey is None or not can(current_user, "remove_passkey", passkey):
        abort(404)
    if not confirmed_recently():
        flash(CONFIRM_FIRST + " Then choose Remove again.", "info")
        return redirect(_confirm_first_url())
    name = passkey.name
    passkey_services.remove_passkey(current_user, passkey)
    flash(f"Passkey “{name}” removed. It can no longer sign you in.", "success")
    return redirect(url_for("settings.passkeys"))
