"""The audit log: one append-only entry for every moderator and admin action."""
