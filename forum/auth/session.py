"""Who the current member is, and what happens when a page needs one."""
from flask import redirect, request, url_for

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
