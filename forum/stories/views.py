"""Telling, updating and browsing stories."""
from . import bp, queries

bp.app_template_global("story_of_thread")(queries.story_of_thread)

# The other pages of the domain, each in its own module.
from . import alike_views, helped_views  # noqa: E402,F401
