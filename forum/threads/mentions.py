"""Mentions and quotes in a post: finding the members a post names ("@ana")
or quotes, and rendering its text with the names linked to their profiles.

A name becomes a link only when it belongs to a live account, so "@nobody"
stays text and a deleted member's old name links nowhere.
"""
import re

from flask import current_app
from sqlalchemy import select

from .. import markup
from ..accounts.models import User, username_key
from ..extensions import db

# At most this many names in one post are looked up (and told).
MAX_MENTIONS = 20
# A quote starts "> **name** [wrote](/threads/posts/12):" (see markup.quote);
# any link to a post inside a block quote counts.
QUOTED_POST = re.compile(r"^\s*>.*?\]\((?:https?://[^/)\s]+)?/threads/posts/(\d{1,12})\)", re.MULTILINE)


def named_members(body):
    """{lowercased name: User} for the live accounts `body` mentions."""
    keys = {username_key(match.group(1)) for match in markup.MENTION.finditer(body or "")}
    if not keys:
        return {}
    members = db.session.scalars(
        select(User).where(User.username_key.in_(sorted(keys)[:MAX_MENTIONS]), User.deleted_at.is_(None))
    ).all()
    return {member.username_key: member for member in members}


def render_post(body, mentioned=None):
    """A post's HTML, with its mentions of members linked. The members
    linked are added to the dict `mentioned` (name -> User) when given."""
    members = named_members(body)
    # Built without a request: posts are also written by commands (the demo).
    urls = current_app.url_map.bind("localhost", script_name=current_app.config["APPLICATION_ROOT"])
    links = {key: urls.build("members.profile", {"username": member.username}) for key, member in members.items()}
    linked = set()
    html = markup.render(body, links, linked)
    if mentioned is not None:
        mentioned.update({key: members[key] for key in linked})
    return html


def quoted_post_ids(body):
    """Ids of the posts `body` quotes, in order, once each."""
    return list(dict.fromkeys(int(found) for found in QUOTED_POST.findall(body or "")))[:MAX_MENTIONS]
