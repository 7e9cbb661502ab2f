"""The emails accounts send, each queued in the caller's transaction.

Each names its kind (the template's name), so the outgoing_emails table
says what was sent; links are built from FORUM_URL by the templates,
never from the request's Host.
"""
from ..mail.steps import queue_email
from ..transactions import step
from .tokens import make_token


@step
def send_confirmation_link(member):
    """The link that confirms `member`'s current address."""
    return queue_email(
        member.email, "confirm_email", "Confirm your email address", "confirm_email",
        member_id=member.id, username=member.username, token=make_token("confirm_email", member),
    )


@step
def send_register_attempt(member):
    """Someone tried to register with `member`'s address: tell its owner,
    with a way back in if it was them and they forgot."""
    return queue_email(
        member.email, "register_attempt", "Someone tried to register with your address", "register_attempt",
        member_id=member.id, username=member.username, token=make_token("reset_password", member),
    )


@step
def send_reset_link(member):
    return queue_email(
        member.email, "reset_password", "Reset your password", "reset_password",
        member_id=member.id, username=member.username, token=make_token("reset_password", member),
    )


@step
def send_password_changed(member):
    return queue_email(
        member.email, "password_changed", "Your password was changed", "password_changed",
        member_id=member.id, username=member.username,
    )


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
    return queue_email(
        member.email, "email_changed", "A change of your email address was asked for", "email_changed",
        member_id=member.id, username=member.username, masked_address=masked(new_address),
    )


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
    return queue_email(
        member.email, "passkeys_changed", subject, "passkeys_changed",
        member_id=member.id, username=member.username, passkey_name=passkey_name, added=added,
    )
