"""Thread jobs: telling readers about a new post, after it is saved."""
from ..jobs.queue import job
from . import telling_services


@job()
def tell_readers(post_id, mentioned_ids, answers=False, opening=False):
    """A new post's notifications and emails, once it is saved."""
    telling_services.tell_readers(post_id, mentioned_ids, answers, opening)
