"""Error types raised by services, and the friendly error pages.

Pages never show a stack trace or SQL: the 500 handler logs the exception
and renders a plain apology.
"""
from flask import flash, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from .extensions import db


class ForumError(Exception):
    """A rule refused the request. `field` names the form field it concerns."""

    status = 400

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(ForumError):
    status = 403


class NotFound(ForumError):
    status = 404


class Refused(ForumError):
    """Valid in shape but against a rule (a locked thread, a taken username)."""

    status = 400


def show_refusal(refusal, form=None):
    """Put a service's refusal where the person will see it: beside the form
    field it names, else in the form's error summary (the page shows the
    form again, filled in), else, for a one-button action with no form to
    show again, at the top of the page it goes back to."""
    if form is None:
        flash(refusal.message, "error")
    elif refusal.field and refusal.field in form:
        field = form[refusal.field]
        field.errors = [*field.errors, refusal.message]
    else:
        form.form_errors.append(refusal.message)


def refusal_as_json(refusal, status=400):
    """The same, for a page's script that asked in JSON: the message (and
    the field it is about) for the script to show where the person looks."""
    from flask import jsonify

    return jsonify(error=refusal.message, field=refusal.field), status


TITLES = {
    400: "That request didn't make sense",
    403: "You can't do that here",
    404: "We couldn't find that page",
    405: "That isn't allowed here",
    413: "That was too large",
    429: "Please slow down",
    500: "Something went wrong on our side",
}

EXPLANATIONS = {
    400: "Something in the request was malformed. Go back and try again.",
    403: "Your account doesn't have permission for this.",
    404: "It may have been moved or removed, or the link may be mistyped.",
    405: "That page can't be used this way.",
    413: "What you sent is larger than the forum accepts. Shorten it and try again.",
    429: "You've done that many times in a short while. Wait a minute and try again.",
    500: "We've been told about it. Please try again in a little while.",
}


def render_error(status, message=None):
    return render_template(
        "errors/error.html",
        status=status,
        title=TITLES.get(status, "Something went wrong"),
        message=message or EXPLANATIONS.get(status, ""),
    ), status


def register_error_handlers(app):
    @app.errorhandler(ForumError)
    def forum_error(error):
        return render_error(error.status, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code not in TITLES:
            return error
        body, status = render_error(error.code)
        # Keep what the error says about itself, such as a 405's Allow header.
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return body, status, headers

    @app.errorhandler(SecurityError)
    def unknown_host(error):
        # A Host header naming another site: no page can be drawn (its links
        # would need that host), and none is owed.
        return "This forum does not answer to that host name.\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(Exception)
    def unexpected_error(error):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        # A failed statement leaves PostgreSQL's transaction aborted; the page
        # itself needs the database (to know who is signed in), so start afresh.
        db.session.rollback()
        return render_error(500)
