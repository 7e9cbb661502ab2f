"""Every domain's jobs, loaded into the queue, and the worker command."""
import click
from flask.cli import AppGroup

from .queue import huey, use_app

jobs_cli = AppGroup("jobs", help="The background job queue.")

JOB_MODULES = (
    "forum.mail.jobs",
    "forum.auth.jobs",
    "forum.notifications.jobs",
    "forum.practitioners.jobs",
    "forum.privacy.jobs",
    "forum.threads.jobs",
)


def init_jobs(app):
    import importlib

    for name in JOB_MODULES:
        importlib.import_module(name)
    use_app(app)
    app.cli.add_command(jobs_cli)


@jobs_cli.command("run")
@click.option("--workers", default=2, show_default=True, help="Jobs run at once (threads).")
def run_worker(workers):
    """Run queued and scheduled jobs until stopped (Ctrl+C)."""
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True, check_worker_health=True)
    click.echo(f"Running jobs from {type(huey.storage).__name__} with {workers} workers. Ctrl+C stops.")
    consumer.run()
