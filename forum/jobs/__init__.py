"""Background jobs: work that follows a change (emails, notification
fan-out) or runs on a schedule (digests, clean-ups), run by Huey.

Where the queue lives is chosen by FORUM_JOBS: a SQLite file under
instance/ by default (one host, no server to install), a Redis URL in
production (every app host enqueues there, workers anywhere take from it),
or "immediate" (run in the caller's thread: the tests). The worker is
`flask jobs run`.
"""
