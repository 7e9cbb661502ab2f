"""How a reaction's or a bookmark's button is answered: the new state as
JSON for static/js/reactions.js, which asks with `Accept: application/json`;
without the script, a message and a redirect back to where it was pressed."""
from flask import flash, jsonify, redirect, request, url_for


def wants_json():
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def answer(message, back_to, **state):
    if wants_json():
        return jsonify(message=message, **state)
    flash(message, "success")
    return redirect(back_to)


def sign_in_first(post_id):
    """A visitor pressing a button is sent to sign in, then to the post:
    the button's own address only takes a POST."""
    return redirect(url_for("auth.login", next=url_for("threads.permalink", post_id=post_id)))
