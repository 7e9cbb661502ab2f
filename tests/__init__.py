"""The forum's tests. Jobs run in the caller's thread, so a test sees what they do."""
import os

os.environ.setdefault("FORUM_JOBS", "immediate")
