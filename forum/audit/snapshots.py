"""What an audit entry keeps of its target, so the entry outlives it."""


def post_snapshot(post):
    return {
        "post_id": post.id,
        "thread_id": post.thread_id,
        "thread_title": post.thread.title if post.thread else None,
        "author": post.author.username if post.author else None,
        "body": post.body,
        "hidden": post.hidden_at is not None,
    }


def thread_snapshot(thread):
    return {
        "thread_id": thread.id,
        "title": thread.title,
        "category": thread.category.name if thread.category else None,
        "locked": thread.locked,
        "pinned": thread.pinned,
        "author": thread.author.username if thread.author else None,
    }


def member_snapshot(member):
    return {
        "member_id": member.id,
        "username": member.username,
        "role": member.role,
        "suspended_until": member.suspended_until,
        "banned": member.banned,
    }


def term_snapshot(term):
    """What an audit entry keeps of a vocabulary entry."""
    return {"term_id": term.id, "kind": term.kind, "slug": term.slug, "label": term.label}
