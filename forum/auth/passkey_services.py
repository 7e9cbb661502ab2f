"""Adding, removing and signing in with passkeys.

The options a browser is given, and the relying party they name, are in
`passkeys`; these verbs check what the browser sent back against the
challenge the view kept, and change the member's passkeys.
"""
from sqlalchemy import select
from webauthn import verify_authentication_response, verify_registration_response
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException

from .emails import send_passkeys_changed
from ..accounts.models import User
from ..accounts.security_models import Passkey
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .passkeys import passkey_name, relying_party

NOT_RECOGNISED = "That passkey isn't recognised here. Sign in with your password, then add it again in your settings."
NOT_VERIFIED = "Your passkey couldn't be checked. Please try again."
ALREADY_ADDED = "That passkey is already on your account."


def add_passkey(member, name, credential, challenge):
    """Keep the passkey the browser made for `member`.

    Refuses a member adding to another's account, a bad name, a response
    that doesn't answer `challenge` for this forum's origin (or that the
    library can't verify), and a passkey already registered."""
    require(member, "add_passkey", member)
    name = passkey_name(name)
    party = relying_party()
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=party.id, expected_origin=party.origin,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise Refused(NOT_VERIFIED) from None
    credential_id = bytes_to_base64url(verified.credential_id)
    if db.session.scalar(select(Passkey.id).where(Passkey.credential_id == credential_id)) is not None:
        raise Refused(ALREADY_ADDED)
    transports = (credential.get("response") or {}).get("transports") if isinstance(credential, dict) else None
    passkey = Passkey(
        member_id=member.id, credential_id=credential_id, public_key=verified.credential_public_key,
        sign_count=verified.sign_count, name=name,
        transports=",".join(t for t in transports or () if isinstance(t, str))[:200],
    )
    db.session.add(passkey)
    send_passkeys_changed(member, name, added=True)
    db.session.commit()
    return passkey


def remove_passkey(member, passkey):
    """Forget one of `member`'s passkeys: it no longer signs anyone in.

    Refuses someone else's passkey."""
    require(member, "remove_passkey", passkey)
    db.session.delete(passkey)
    send_passkeys_changed(member, passkey.name, added=False)
    db.session.commit()


def sign_in_with_passkey(credential, challenge):
    """The member a passkey signs in, after checking its signature over
    `challenge` for this forum; records that it was used.

    Refuses an unknown passkey, one of a deleted account, a signature that
    doesn't verify, and a signature counter that went backwards (a sign of
    a cloned authenticator). A suspended member is signed in, as with a
    password: suspension stops writing, not reading."""
    credential_id = credential.get("id") if isinstance(credential, dict) else None
    passkey = db.session.scalar(select(Passkey).where(Passkey.credential_id == credential_id)) if isinstance(credential_id, str) else None
    member = db.session.get(User, passkey.member_id) if passkey is not None else None
    if member is None or member.deleted_at is not None:
        raise Refused(NOT_RECOGNISED)
    party = relying_party()
    try:
        # The library refuses a counter that didn't go up when either side is non-zero.
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=party.id, expected_origin=party.origin,
            credential_public_key=passkey.public_key, credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise Refused(NOT_VERIFIED) from None
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    db.session.commit()
    return member
