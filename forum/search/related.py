"""The related threads found for each thread, remembered between views.

Finding them asks the index for the threads sharing the most words with a
thread (the words of its title, its first post and its story, kept with it
in the index when it is written): too much work for every view of a busy
forum. So the ids found are kept here, in this process, for TTL seconds
or until the thread's own words change (`forget`, called as the index
changes), at most SIZE of them. A view then reads only those threads'
titles, checking they are still shown and the reader may read them: one
query either way, and no writes.
"""
import threading
import time
from collections import OrderedDict

TTL = 600
SIZE = 4096

_lock = threading.Lock()
_found = OrderedDict()  # (thread id, signed in) -> (expires, [thread ids])
_generation = 0


def generation():
    """Changes whenever what was remembered is forgotten: a list found while
    the index changed is not kept."""
    return _generation


def forget(thread_ids=None):
    """Forget what was found for these threads (their words changed), or
    for every thread. A thread new since is offered under the others once
    theirs are found again (after TTL at the latest)."""
    global _generation
    with _lock:
        _generation += 1
        if thread_ids is None:
            _found.clear()
            return
        for key in [key for key in _found if key[0] in thread_ids]:
            del _found[key]


def recall(key):
    with _lock:
        found = _found.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        _found.move_to_end(key)
        return found[1]


def remember(key, thread_ids, since_generation):
    with _lock:
        if since_generation != _generation:
            return
        _found[key] = (time.monotonic() + TTL, list(thread_ids))
        _found.move_to_end(key)
        while len(_found) > SIZE:
            _found.popitem(last=False)
