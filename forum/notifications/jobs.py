"""Notification jobs: the daily digest."""
from huey import crontab

from ..jobs.queue import periodic
from .digests import send_daily_digests


@periodic(crontab(minute="0", hour="7"))
def daily_digests():
    """Every morning at 07:00 UTC: the daily digest emails."""
    return send_daily_digests()
