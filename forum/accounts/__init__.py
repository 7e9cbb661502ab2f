"""Accounts: who a member is (the User row, its role and suspension) and
their password. Every other domain builds on this one, so it imports none."""
