"""A forgotten password: asking for a link, and choosing a new password with it."""
from flask import flash, redirect, render_template, request, url_for

from ..accounts.models import email_key
from ..errors import Refused, show_refusal
from ..extensions import limiter
from . import bp, recovery_services
from .account_forms import ForgotPasswordForm, ResetPasswordForm
from .confirm_views import bad_link
from .session import start_session
from .tokens import TokenError, read_token


def _address_sent():
    """Limits the reset emails one address can be sent, whoever asks."""
    return "reset:" + email_key(request.form.get("email", ""))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("10/hour", methods=["POST"])
@limiter.limit("5/hour", key_func=_address_sent, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        recovery_services.ask_for_reset(form.email.data)
        # The same answer for every address, registered or not.
        return redirect(url_for("auth.reset_link_sent"))
    return render_template("auth/forgot_password.html", form=form), 200 if not form.errors else 422


@bp.route("/forgot-password/sent")
def reset_link_sent():
    return render_template("auth/reset_link_sent.html")


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token):
    try:
        # Checked before the form is shown: a dead link says so at once.
        read_token("reset_password", token)
    except TokenError as error:
        return bad_link(error, "password reset link", url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            member = recovery_services.reset_password(token, form.password.data)
        except TokenError as error:
            return bad_link(error, "password reset link", url_for("auth.forgot_password"))
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            start_session(member)
            flash("Your password is changed, and every other device is signed out. You're signed in here.", "success")
            return redirect(url_for("home"))
    return render_template("auth/reset_password.html", form=form, token=token), 200 if not form.errors else 422
