"""The privacy side of scheduled jobs: accounts never confirmed are removed."""
from huey import crontab

from ..jobs.queue import periodic
from .cleanup_services import remove_abandoned_accounts


@periodic(crontab(minute="17", hour="3"))
def remove_unconfirmed_accounts():
    """Once a day, at a quiet hour."""
    return remove_abandoned_accounts()
