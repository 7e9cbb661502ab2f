"""Response headers that make every page harder to abuse."""
from flask_login import current_user

# Everything is served from this site; no inline script is ever needed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


def _a_page(response):
    # Redirects are never kept, and asking who is signed in would cost a query.
    return response.mimetype == "text/html" and not 300 <= response.status_code < 400


def init_security_headers(app):
    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if _a_page(response) and "Cache-Control" not in response.headers and current_user.is_authenticated:
            # A page made for someone signed in (their notifications, the admin)
            # must not wait in the browser's cache for the next person at a
            # shared computer to reach with Back after they sign out.
            response.headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
