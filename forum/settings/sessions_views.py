"""The member's signed-in browsers, and ending them."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..auth import queries, session_services
from ..auth.devices import device_name
from ..auth.session import current_session_id, end_session as sign_out_here
from ..timeutil import utcnow
from . import bp


@bp.route("/sessions")
@login_required
def sessions():
    rows = queries.live_sessions(current_user)
    here = current_session_id()
    # This device first, then the others, most recently used first.
    rows = sorted(rows, key=lambda row: row.id != here)
    devices = [(row, device_name(row.user_agent), row.id == here) for row in rows]
    return render_template("settings/sessions.html", devices=devices, now=utcnow())


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id):
    session_services.end_session(current_user, session_id)
    flash("That device is signed out.", "success")
    return redirect(url_for("settings.sessions"))


@bp.route("/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    ended = session_services.end_other_sessions(current_user, current_user, keep=current_session_id())
    flash(f"Signed out on {ended} other device{'s' if ended != 1 else ''}.", "success")
    return redirect(url_for("settings.sessions"))


@bp.route("/sessions/end-all", methods=["POST"])
@login_required
def end_all_sessions():
    session_services.end_all_sessions(current_user, current_user)
    # Already ended on the server; this forgets it in this browser too.
    sign_out_here()
    flash("You're signed out everywhere, this device included.", "info")
    return redirect(url_for("auth.login"))
