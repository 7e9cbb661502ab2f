from flask import redirect, render_template, url_for
from flask_login import current_user

from ..errors import Refused, show_refusal
from ..extensions import limiter
from . import bp, services
from .forms import RegisterForm


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10/hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            services.sign_up(form.username.data, form.email.data, form.password.data, form.accept.data)
        except Refused as refusal:
            show_refusal(refusal, form)
        else:
            # The same answer whether the address was new or already had an
            # account: the page must not tell anyone which.
            return redirect(url_for("auth.check_inbox"))
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422


@bp.route("/check-your-inbox")
def check_inbox():
    return render_template("auth/check_inbox.html")
