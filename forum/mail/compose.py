"""Writing an email from its two templates: mail/<name>.txt and mail/<name>.html."""
import json
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template

from .links import absolute_url


def render_parts(template, **context):
    context.setdefault("absolute_url", absolute_url)
    context.setdefault("forum_url", current_app.config["FORUM_URL"])
    text = render_template(f"mail/{template}.txt", **context)
    html = render_template(f"mail/{template}.html", **context)
    return text, html


def build_message(email):
    """The MIME message for an OutgoingEmail row."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = email.to_address
    message["Subject"] = email.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    domain = current_app.config["MAIL_FROM"].rpartition("@")[2].strip("> ") or "localhost"
    message["Message-ID"] = make_msgid(idstring=f"forum-{email.id}", domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    for name, value in json.loads(email.headers or "{}").items():
        message[name] = value
    # Written to a file, the parts stay as typed (8bit), so a link can be
    # copied out of the .eml in any text editor; sent over SMTP they are
    # encoded for the oldest servers.
    cte = "8bit" if current_app.config["MAIL_TRANSPORT"] == "file" else None
    message.set_content(email.text_body, cte=cte)
    message.add_alternative(email.html_body, subtype="html", cte=cte)
    return message
