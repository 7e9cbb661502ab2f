"""Email: messages written from templates (plain text beside HTML), kept in
the outgoing_emails table in the same transaction as what caused them, and
delivered by a job through the configured transport (SMTP, or .eml files
under instance/ in development)."""
