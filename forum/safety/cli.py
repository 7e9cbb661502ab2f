"""`flask safety classify FILE`: what the checks find in each line of a file,
with the phrase lists as they are in the database now. For a moderator
trying out a phrase on real posts, and for measuring the lists against a
labelled set."""
import click
from flask.cli import AppGroup

from .detect import Detector
from .queries import current_detector

safety = AppGroup("safety", help="The checks each post meets before it is published.")


@safety.command("classify")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def classify(file):
    """Print "id<TAB>signals" for each line of FILE ("-" reads standard input).

    A line is "id<TAB>text", or just the text, when its id is its line
    number. Signals are red_flag, crisis and personal_details, comma
    separated in that order; nothing after the tab when none is found.
    """
    detector = current_detector()
    for number, line in enumerate(file, start=1):
        line = line.rstrip("\r\n")
        if line.strip():
            click.echo(classified(detector, number, line))


def classified(detector: Detector, number, line):
    """One output line for one input line."""
    key, tab, text = line.partition("\t")
    if not tab:
        key, text = str(number), line
    return f"{key}\t{detector.check(text).listed()}"


def init_safety_commands(app):
    app.cli.add_command(safety)
