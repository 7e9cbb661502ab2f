from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required

from ..drafts import carried_draft, render_rescue
from ..extensions import limiter
from ..navigation import safe_next
from . import bp
from .forms import LoginForm
from .session import end_session, known_device_accounts, start_session
from .session_services import SignInPaused, sign_in_with_password

WRONG = "That username or email and password don't match. Check them and try again."


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20/minute;100/hour", methods=["POST"])
def login():
    form = LoginForm(next=request.args.get("next", ""))
    draft = carried_draft(request.form)
    status = 200
    if form.validate_on_submit():
        try:
            user = sign_in_with_password(form.login.data, form.password.data, known_device_accounts())
        except SignInPaused as paused:
            user, status = None, paused.status
            form.password.errors.append(paused.message)
        if user is not None:
            start_session(user, remember=form.remember.data)
            if user.is_suspended:
                until = "permanently" if user.banned else f"until {user.suspended_until:%-d %b %Y} (UTC)"
                flash(f"Your account is suspended {until}: you can read but not post. The moderators' reason: {user.suspension_reason}", "error")
            target = safe_next(form.next.data)
            if draft:
                return render_rescue(target or url_for("home"), draft, "You're signed in again. Your text is below: check it and send it.")
            return redirect(target or url_for("home"))
        if status == 200:
            form.password.errors.append(WRONG)
    if form.errors and status == 200:
        status = 422
    return render_template("auth/login.html", form=form, draft=draft), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    end_session()
    flash("You're signed out.", "info")
    return redirect(url_for("home"))
