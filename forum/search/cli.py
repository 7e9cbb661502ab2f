"""`flask search reindex`: build the search index again from the posts
(after restoring a backup, or if it were ever out of step)."""
import click
from flask.cli import AppGroup

from .services import reindex as rebuild

search = AppGroup("search", help="The full-text search index.")


@search.command("reindex")
def reindex():
    """Rebuild the search index from every shown post."""
    total = rebuild()
    click.echo(f"Search index rebuilt: {total:,} {'post' if total == 1 else 'posts'}.")


def init_search_commands(app):
    app.cli.add_command(search)
