"""Who the current member is, and what happens when a page needs one.

Sessions live on the server (MemberSession): the Flask session cookie
carries a random token whose hash finds the row, so ending the row ends
the session wherever the cookie was copied to. "Keep me signed in" is our
own cookie, not Flask-Login's (whose token never changes and never
expires): a selector and a validator that is replaced each time it is used.

A session can run out while someone is writing: the sign-in page and an
expired form token both hand their text back rather than lose it.
"""
from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError

from ..drafts import preserved_fields, render_rescue, sent_from_this_site
from ..errors import render_error
from ..extensions import login_manager
from ..timeutil import utcnow
from . import queries, session_services
from .forms import LoginForm
from .limits import KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_FOR, known_accounts, known_device_cookie
from .sessions import REMEMBER_FOR, digest

REMEMBER_COOKIE = "remember"


def render_login_with_draft(action_path, form):
    login_form = LoginForm(formdata=None, next=action_path)
    return render_template(
        "auth/login.html",
        form=login_form,
        draft=preserved_fields(form),
        notice="You were signed out before your text was sent. Sign in and it will be waiting for you.",
    )


def _load_user(user_id):
    token = session.get("sid")
    found = queries.signed_in(user_id, digest(token)) if token else None
    if found is None:
        return None
    member, member_session = found
    g.member_session_id = member_session.id
    if utcnow() - member_session.last_seen_at > session_services.SEEN_EVERY:
        session_services.note_seen(member_session.id)
    return member


def _load_remembered(request):
    cookie = request.cookies.get(REMEMBER_COOKIE, "")
    if not cookie:
        return None
    selector, _, validator = cookie.partition(":")
    restored = session_services.restore_session(selector, validator, request.headers.get("User-Agent", ""))
    if restored is None:
        g.remember_cookie = ""
        return None
    g.member_session_id = restored.session_id
    if restored.token is not None:
        _fresh_session()
        session["_user_id"] = str(restored.member.id)
        session["_fresh"] = False
        session["_id"] = login_manager._session_identifier_generator()
        session["sid"] = restored.token
        g.remember_cookie = restored.remember_cookie
    return restored.member


def _unauthorized():
    # A post typed by someone whose session ran out is not thrown away:
    # the sign-in form carries it and hands it back afterwards.
    if request.method == "POST" and preserved_fields(request.form):
        return render_login_with_draft(request.path, request.form)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _csrf_failed(error):
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


def _write_cookies(response):
    """Set or delete the cookies a request asked for (g.remember_cookie: a
    value, or "" to delete; g.known_device_for: a member id)."""
    config = current_app.config
    secure = bool(config.get("REMEMBER_COOKIE_SECURE") or config.get("SESSION_COOKIE_SECURE"))
    remember = g.pop("remember_cookie", None)
    if remember:
        response.set_cookie(REMEMBER_COOKIE, remember, max_age=int(REMEMBER_FOR.total_seconds()),
                            httponly=True, samesite="Lax", secure=secure)
    elif remember == "" and REMEMBER_COOKIE in request.cookies:
        response.delete_cookie(REMEMBER_COOKIE, httponly=True, samesite="Lax", secure=secure)
    member_id = g.pop("known_device_for", None)
    if member_id is not None:
        value = known_device_cookie(current_app.secret_key, request.cookies.get(KNOWN_DEVICE_COOKIE), member_id)
        response.set_cookie(KNOWN_DEVICE_COOKIE, value, max_age=int(KNOWN_DEVICE_FOR.total_seconds()),
                            httponly=True, samesite="Lax", secure=secure)
    return response


def init_login(app):
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.user_loader(_load_user)
    login_manager.request_loader(_load_remembered)
    login_manager.unauthorized_handler(_unauthorized)
    app.register_error_handler(CSRFError, _csrf_failed)
    app.after_request(_write_cookies)


def _fresh_session():
    """Forget everything the session held, including its CSRF secret.

    Whoever could read or plant the session before sign-in (a shared
    computer, a cookie set by a sibling site) must not be able to reuse its
    CSRF token once someone signs in, nor after they sign out.
    """
    session.clear()
    # The token already made for this request was signed over the old secret.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def current_session_id():
    """The id of the MemberSession row the current request is signed in
    with, or None for a visitor."""
    if not current_user.is_authenticated:
        return None
    return g.get("member_session_id")


def known_device_accounts():
    """The accounts this browser has signed in to before (limits.py)."""
    return known_accounts(current_app.secret_key, request.cookies.get(KNOWN_DEVICE_COOKIE))


def start_session(user, remember=False):
    """Sign `user` in on this browser, with a new server-side session; this
    browser becomes a known device for the account."""
    _fresh_session()
    opened = session_services.begin_session(user, remember, request.headers.get("User-Agent", ""))
    login_user(user, remember=False)
    session["sid"] = opened.token
    g.member_session_id = opened.session_id
    g.remember_cookie = opened.remember_cookie or ""
    g.known_device_for = user.id


def end_session():
    """Sign this browser out: its session row is ended, so a copy of its
    cookies is no good either."""
    session_id = current_session_id()
    if session_id is not None:
        session_services.sign_out(session_id)
    _fresh_session()
    logout_user()
    g.pop("member_session_id", None)
    g.remember_cookie = ""
