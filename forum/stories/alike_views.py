"""People like me: the stories most like a story, or like a few answers."""
from . import bp  # noqa: F401
