"""Password and email: change either, and see whether the address is confirmed."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..auth import account_services
from ..auth.account_forms import ChangeEmailForm, ChangePasswordForm
from ..auth.session import current_session_id
from ..errors import Refused, show_refusal
from ..extensions import limiter, member_or_address
from . import bp

# Each try checks a password: generous for a person, tight for a guesser.
PASSWORD_TRIES = "10/hour"


def _page(password_form=None, email_form=None):
    status = 422 if (password_form and password_form.errors) or (email_form and email_form.errors) else 200
    return render_template(
        "settings/account.html", member=current_user,
        password_form=password_form or ChangePasswordForm(formdata=None),
        email_form=email_form or ChangeEmailForm(formdata=None),
    ), status


@bp.route("/account")
@login_required
def account():
    return _page()


@bp.route("/account/password", methods=["POST"])
@login_required
@limiter.limit(PASSWORD_TRIES, key_func=member_or_address)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            account_services.change_password(current_user, form.current_password.data, form.new_password.data,
                                             keep_session=current_session_id())
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            flash("Your password is changed. Every other device you were signed in on is signed out.", "success")
            return redirect(url_for("settings.account"))
    return _page(password_form=form)


@bp.route("/account/email", methods=["POST"])
@login_required
@limiter.limit(PASSWORD_TRIES, key_func=member_or_address)
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            account_services.change_email(current_user, form.password.data, form.email.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            # Said the same whether or not another account uses the address.
            flash(f"We've sent a link to {form.email.data.strip()}. Your address changes when you follow it.", "success")
            return redirect(url_for("settings.account"))
    return _page(email_form=form)
