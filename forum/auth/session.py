"""Who the current member is, and what happens when a page needs one.

A session can run out while someone is writing: the sign-in page and an
expired form token both hand their text back rather than lose it.
"""
from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError

from ..accounts.models import User
from ..accounts.security_models import MemberSession  # noqa: F401  (signed-in browsers)
from ..drafts import preserved_fields, render_rescue, sent_from_this_site
from ..errors import render_error
from ..extensions import db, login_manager
from .forms import LoginForm


def render_login_with_draft(action_path, form):
    login_form = LoginForm(formdata=None, next=action_path)
    return render_template(
        "auth/login.html",
        form=login_form,
        draft=preserved_fields(form),
        notice="You were signed out before your text was sent. Sign in and it will be waiting for you.",
    )


def init_login(app):
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id):
        try:
            user = db.session.get(User, int(user_id))
        except (TypeError, ValueError):
            return None
        # A deleted account is nobody: every session and remember-me cookie
        # it had stops working at once, on every device.
        return user if user is not None and user.deleted_at is None else None

    @login_manager.unauthorized_handler
    def unauthorized():
        # A post typed by someone whose session ran out is not thrown away:
        # the sign-in form carries it and hands it back afterwards.
        if request.method == "POST" and preserved_fields(request.form):
            return render_login_with_draft(request.path, request.form)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        draft = preserved_fields(request.form) if sent_from_this_site() else {}
        if not draft:
            return render_error(400, "This form had expired. Please go back, reload the page and try again.")
        if not current_user.is_authenticated:
            return render_login_with_draft(request.path, request.form), 400
        return render_rescue(
            request.path,
            draft,
            "The form had expired, so nothing was sent yet. Your text is below: check it and send it again.",
            status=400,
        )


def _fresh_session():
    """Forget everything the session held, including its CSRF secret.

    Whoever could read or plant the session before sign-in (a shared
    computer, a cookie set by a sibling site) must not be able to reuse its
    CSRF token once someone signs in, nor after they sign out.
    """
    session.clear()
    # The token already made for this request was signed over the old secret.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def start_session(user, remember=False):
    _fresh_session()
    login_user(user, remember=remember)


def end_session():
    _fresh_session()
    # After the clear, so that it can still mark the remember-me cookie for deletion.
    logout_user()
