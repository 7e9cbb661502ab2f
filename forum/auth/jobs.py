"""Account jobs: the reset link, looked up and sent after the page answered."""
from ..jobs.queue import job
from . import recovery_services


@job()
def send_reset_link(email):
    recovery_services.request_password_reset(email)
