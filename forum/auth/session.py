"""Who the current member is, and what happens when a page needs one."""
from flask import current_app, g, redirect, request, session, url_for
from flask_login import login_user, logout_user

from ..drafts import preserved_fields, render_login_with_draft
from ..extensions import db, login_manager
from .models import User


def init_login(app):
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id):
        try:
            return db.session.get(User, int(user_id))
        except (TypeError, ValueError):
            return None

    @login_manager.unauthorized_handler
    def unauthorized():
        # A post typed by someone whose session ran out is not thrown away:
        # the sign-in form carries it and hands it back afterwards.
        if request.method == "POST" and preserved_fields(request.form):
            return render_login_with_draft(request.path, request.form)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


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
