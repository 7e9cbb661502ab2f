"""Rules about what people write: threads, posts, stories, what helped,
and the moderators' hand on them (hiding, locking, deciding reports)."""
from .base import ADMINS_POST, ADMINS_THREAD, LOCKED, NOT_YOURS, NO_SUCH_THING, OWN_POST, No, active, is_staff, live, own, reach, shown, signed_in


_NO_THREAD = No("Your account is suspended, so you can't start a thread for now.")
_NO_REPLY = No("Your account is suspended, so you can't reply for now.")


def start_thread(user, category):
    return active(user, suspended=_NO_THREAD)


def reply(user, thread):
    if thread is None:
        return NO_SUCH_THING
    # A locked thread says so to everyone, visitors included.
    if thread.locked and not is_staff(user):
        return LOCKED
    return active(user, suspended=_NO_REPLY)


_MEMBERS_ONLY = No("This thread is for members only. Sign in or register to read it.", sign_in=True)
_NOT_THE_STARTER = No("Only the thread's author or a moderator can change who may read it.")


def read_thread(user, thread):
    """Anyone reads a thread but one kept for members, which anyone signed in
    reads, suspended or not (suspension stops writing, not reading). What
    visitors and search engines are offered in lists and feeds is chosen by
    threads.queries.visible_to_visitors, which agrees with this."""
    if thread is None:
        return NO_SUCH_THING
    return _MEMBERS_ONLY if thread.members_only and not signed_in(user) else True


def set_members_only(user, thread):
    """The thread's author, or a moderator, chooses whether visitors may read it."""
    allowed = active(user)
    if not allowed or thread is None:
        return allowed and NO_SUCH_THING
    if thread.author_id == user.id:
        return True
    staff = is_staff(user)
    return reach(user, thread, ADMINS_THREAD) if staff else _NOT_THE_STARTER


def edit_post(user, post):
    """Authors edit their own posts; moderators edit anyone's but an
    admin's, with a reason."""
    allowed = active(user) and live(post)
    if not allowed or post.author_id == user.id:
        return allowed
    return reach(user, post, ADMINS_POST) if is_staff(user) else NOT_YOURS


_STORY_START = No("This post starts your story: withdraw the story first, then delete the post.")


def delete_post(user, post):
    allowed = active(user) and live(post) and own(user, post)
    thread = post.thread if allowed else None
    if thread is not None and thread.is_story and post.id == thread.first_post_id:
        return _STORY_START
    return allowed


def report_post(user, post):
    return active(user) and shown(post) and (OWN_POST if post.author_id == user.id else True)


def read_post(user, post):
    """A post's words on a page of their own (who reacted, a bookmark):
    shown, in a thread the person may read. Moderators read hidden posts
    on the thread page and in the back office, not here."""
    return shown(post) and read_thread(user, post.thread)


_OWN_REACTION = No("You can't react to your own post.")


def react(user, post):
    """"Helpful" and "Me too", given or taken back: on a post one may read,
    never one's own, and not while suspended."""
    allowed = active(user) and read_post(user, post)
    return allowed and (_OWN_REACTION if post.author_id == user.id else True)


def bookmark_post(user, post):
    return active(user) and read_post(user, post)


def unbookmark_post(user, post):
    """Taking a bookmark off needs no readable post: a post hidden or
    deleted since is still cleared off one's list."""
    return active(user) and (NO_SUCH_THING if post is None else True)


_NOT_THE_ASKER = No("Only the person who started the thread can mark what helped them.")
_NOT_A_REPLY = No("Mark a reply from someone else, not the question or your own post.")


def mark_helpful(user, post):
    allowed = active(user) and shown(post)
    if not allowed:
        return allowed
    if post.thread.author_id != user.id:
        return _NOT_THE_ASKER
    return _NOT_A_REPLY if post.author_id == user.id or post.id == post.thread.first_post_id else True


def unmark_helpful(user, thread):
    allowed = active(user)
    if not allowed or thread is None:
        return allowed and NO_SUCH_THING
    return True if thread.author_id == user.id else _NOT_THE_ASKER


_ALREADY_A_STORY = No("This thread already tells a story: update it instead.")
_WITHDRAWN = No("This story was withdrawn. Add it to the thread again to tell it.")


def add_story(user, thread):
    """The thread's author turns their thread into a story, once."""
    allowed = own(user, thread)
    return allowed and (_ALREADY_A_STORY if thread.is_story else True)


def update_story(user, story):
    allowed = own(user, story)
    return allowed and (_WITHDRAWN if story.withdrawn_at is not None else True)


def moderate_post(user, post):
    """Hide, restore or note a post that still exists, unless an admin wrote it."""
    return is_staff(user) and live(post) and reach(user, post, ADMINS_POST)


_HIDDEN_BY_ANOTHER = No("Someone else hid your post, so someone else decides whether it comes back.")


def restore_post(user, post):
    """As hiding; and nobody brings back their own post that another hid."""
    allowed = moderate_post(user, post)
    if allowed and post.is_hidden and post.author_id == user.id and post.hidden_by_id != user.id:
        return _HIDDEN_BY_ANOTHER
    return allowed


_NOT_YOUR_HISTORY = No("Only the post's author and the moderators can read its earlier versions.")
_DELETED_HISTORY = No("You deleted this post, so its earlier versions are kept for the moderators only.")


def view_post_history(user, post):
    """A post's earlier versions: moderators read any post's; its author
    reads their own, suspended or not (reading is not writing) and hidden or
    not (they may still edit a hidden post, so its words are theirs to see),
    until they delete it: a deleted post's text is kept for moderators."""
    allowed = signed_in(user)
    if not allowed or post is None:
        return allowed and NO_SUCH_THING
    if is_staff(user):
        return True
    if post.author_id != user.id:
        return _NOT_YOUR_HISTORY
    return _DELETED_HISTORY if post.is_deleted else True


def moderate_thread(user, thread):
    """Lock, pin, move or retitle a thread, unless an admin started it."""
    staff = is_staff(user)
    if not staff or thread is None:
        return staff and NO_SUCH_THING
    return reach(user, thread, ADMINS_THREAD)


_OWN_REPORT = No("This report is about your own post, so another moderator decides it.")


def decide_report(user, case):
    """Decide or dismiss a report: never one about one's own post, and a
    report about an admin's post only as an admin (each decision acts on
    the post or its author)."""
    staff = is_staff(user)
    if not staff or case is None or case.post is None:
        return staff and NO_SUCH_THING
    return _OWN_REPORT if case.post.author_id == user.id else reach(user, case.post, ADMINS_POST)
