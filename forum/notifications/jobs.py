"""Jobs of this domain (see forum.jobs)."""
