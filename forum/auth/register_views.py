from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..errors import Refused, show_refusal
from ..extensions import limiter
from . import bp, services
from .forms import RegisterForm
from .session import start_session


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10/hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register(form.username.data, form.email.data, form.password.data, form.accept.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            start_session(user)
            flash(f"Welcome, {user.username}. Introduce yourself whenever you're ready.", "success")
            return redirect(url_for("home"))
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422
