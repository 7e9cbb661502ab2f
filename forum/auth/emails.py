"""The emails accounts send, each queued in the caller's transaction.

Each names its kind (the template's name), so the outgoing_emails table
says what was sent; links are built from FORUM_URL by the templates,
never from the request's Host.
"""
from ..mail.steps import queue_email
from ..transactions import step
from .tokens import make_token


def _to_member(member, kind, subject, **context):
    """An email to `member`'s own address, written from the template named
    `kind`, greeting them by name."""
    return queue_email(member.email, kind, subject, kind, member_id=member.id, username=member.username, **context)


@step
def send_confirmation_link(member):
    """The link that confirms `member`'s current address."""
    return _to_member(member, "confirm_email", "Confirm your email address", token=make_token("confirm_email", member))


@step
def send_register_attempt(member):
    """Someone tried to register with `member`'s address: tell its owner,
    with a way back in if it was them and they forgot."""
    return _to_member(member, "register_attempt", "Someone tried to register with your address", token=make_token("reset_password", member))


@step
def send_reset_link(member):
    return _to_member(member, "reset_password", "Reset your password", token=make_token("reset_password", member))


@step
def send_password_changed(member):
    return _to_member(member, "password_changed", "Your password was changed")


@step
def send_change_email_link(member, new_address):
    """To the new address: the link that moves the account there."""
    return queue_email(
        new_address, "change_email", "Confirm your new email address", "change_email",
        member_id=member.id, username=member.username, new_address=new_address,
        token=make_token("change_email", member, address=new_address),
    )


@step
def send_email_changing(member, new_address):
    """To the old address: a change was asked for, and how to stop it."""
    return _to_member(member, "email_changed", "A change of your email address was asked for", masked_address=masked(new_address))


def masked(address):
    """"an***@example.org": enough for the owner to recognise an address
    they typed, not enough to give away someone else's whole."""
    name, _, domain = address.partition("@")
    return f"{name[:2]}***@{domain}"


@step
def send_passkeys_changed(member, passkey_name, added):
    """A passkey signs in without the password: its owner hears of every one
    added or removed, so a stranger's is noticed."""
    subject = "A passkey was added to your account" if added else "A passkey was removed from your account"
    return _to_member(member, "passkeys_changed", subject, passkey_name=passkey_name, added=added)
