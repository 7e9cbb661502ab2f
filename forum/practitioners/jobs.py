"""Practitioners' scheduled jobs: the notice that a badge lapses soon."""
from huey import crontab

from ..jobs.queue import periodic
from .services import notify_lapsing


@periodic(crontab(hour="6", minute="0"))
def tell_lapsing_practitioners():
    """Daily: tell practitioners whose badge lapses within 30 days, each once."""
    return notify_lapsing()
