"""The vocabularies of stories: moderators add, rename and merge entries."""
from . import bp  # noqa: F401
