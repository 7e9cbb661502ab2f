"""What helped, and a page per treatment."""
from . import bp  # noqa: F401
