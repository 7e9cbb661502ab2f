"""Commands for the people who run the forum."""
import click
from flask import current_app

from . import backup as backups
from .auth.services import register
from .demo import seed_demo as load_demo
from .errors import Refused
from .extensions import db
from .practitioners.services import notify_lapsing as tell_lapsing
from .rerender import rerender_all
from .safety.cli import init_safety_commands
from .search.cli import init_search_commands
from .stories.services import recount_stories as recount


def init_commands(app):
    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)
    app.cli.add_command(rerender_posts)
    app.cli.add_command(notify_lapsing)
    app.cli.add_command(recount_stories)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    init_safety_commands(app)
    init_search_commands(app)


@click.command("create-admin")
@click.option("--username", prompt=True)
@click.option("--email", prompt=True)
@click.password_option(prompt="Password (at least 10 characters)")
def create_admin(username, email, password):
    """Create an administrator account (the first one comes from here)."""
    try:
        user = register(username, email, password, accepted_terms=True, role="admin")
    except Refused as refusal:
        raise click.ClickException(refusal.message) from None
    click.echo(f"Administrator {user.username} created.")


@click.command("seed-demo")
def seed_demo():
    """Load demo members, threads and replies (does nothing if already loaded)."""
    # Every demo account, a moderator among them, signs in with a password
    # printed in the README: on a real forum that is an open door.
    if current_app.config["FORUM_ENV"] == "production":
        raise click.ClickException("Demo content is for trying the forum out; it is never loaded when FORUM_ENV=production.")

    counts = load_demo()
    click.echo("Demo content: {members} members, {threads} threads, {posts} posts added.".format(**counts))


@click.command("rerender-posts")
def rerender_posts():
    """Render every stored Markdown text again, after the allow-list changes."""
    total = rerender_all()
    click.echo(f"Re-rendered {total} texts.")
    current_app.logger.info("Re-rendered %s texts", total)


@click.command("notify-lapsing")
def notify_lapsing():
    """Tell practitioners whose verified badge lapses within 30 days (run daily)."""
    told = tell_lapsing()
    click.echo(f"Told {told} {'practitioner' if told == 1 else 'practitioners'} their badge lapses soon.")


@click.command("recount-stories")
def recount_stories():
    """Rebuild the story list's and What helped's counts from the stories."""
    agreed = recount()
    click.echo("Story counts rebuilt: " + ("they matched the kept ones." if agreed else "they differed from the kept ones, now corrected."))


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def backup(path, force):
    """Write a consistent copy of the database to PATH while the forum runs, and check it."""
    try:
        done = backups.back_up(db.engine, path, force=force)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {done.path} ({backups.size_text(done.size)}) in {done.seconds:.2f} s, and checked.")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
def restore(path):
    """Bring the backup at PATH back into the forum's database, which must be empty."""
    try:
        done = backups.restore(db.engine, path)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored {done.path} ({backups.size_text(done.size)}) into the {backups.describe(db.engine.url)} in {done.seconds:.2f} s.")
