"""Safety: what a post is checked for as it is written (urgent symptoms,
crisis language, personal details), the phrase lists and crisis resources
moderators keep (their pages are the admin's), and the notices writers and
readers see. It has no pages of its own."""
