"""Passkeys (WebAuthn): who the forum is to an authenticator, and the
options a browser is handed to create a passkey or sign in with one.

The relying party is always read from FORUM_URL, never from the request's
Host header: a passkey is bound to the name it was made for, and a forged
Host must not make the forum accept a signature made for another site.
Nothing here writes; the verbs are in passkey_services.
"""
import hashlib
import hmac
import ipaddress
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select
from webauthn import generate_authentication_options, generate_registration_options, options_to_json
from webauthn.helpers import base64url_to_bytes
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from ..accounts.security_models import Passkey
from ..errors import Refused
from ..extensions import db

RP_NAME = "Piriformis & Sciatica Community"
# How long a browser may take between asking for options and answering:
# the browser's own prompt times out after a minute.
TIMEOUT_MS = 60_000
NAME_MAX = 60


class RelyingParty:
    """The site an authenticator signs for: `id` is FORUM_URL's host name,
    `origin` its scheme://host[:port]."""

    def __init__(self, forum_url):
        parts = urlsplit(forum_url)
        self.id = parts.hostname or ""
        self.origin = f"{parts.scheme}://{parts.netloc}"

    @property
    def usable(self):
        """Browsers refuse an IP address as a relying party: the forum has
        to be reached by a name (localhost in development)."""
        if not self.id:
            return False
        try:
            ipaddress.ip_address(self.id)
        except ValueError:
            return True
        return False


def relying_party():
    return RelyingParty(current_app.config["FORUM_URL"])


def member_passkeys(member):
    """The member's passkeys, oldest first."""
    return db.session.scalars(select(Passkey).where(Passkey.member_id == member.id).order_by(Passkey.created_at, Passkey.id)).all()


def default_name(member):
    return f"Passkey {len(member_passkeys(member)) + 1}"


def passkey_name(name):
    """The tidied name for a passkey, or Refused: asked before the browser's
    prompt too, so a bad name is said beside the field rather than after
    the member touched their authenticator."""
    name = " ".join((name or "").split())
    if not name:
        raise Refused("Give the passkey a name, such as the device it is on.", field="name")
    if len(name) > NAME_MAX:
        raise Refused(f"Use at most {NAME_MAX} characters.", field="name")
    return name


def _user_handle(member):
    # The authenticator keeps this beside the passkey and may show it to
    # other sites' scripts on the same device in some browsers: a keyed
    # hash of the id rather than the id itself or the email address.
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"passkey-user|{member.id}".encode(), hashlib.sha256).digest()[:32]


def _transports(passkey):
    known = {t.value for t in AuthenticatorTransport}
    return [AuthenticatorTransport(t) for t in passkey.transports.split(",") if t in known] or None


def registration_options(member):
    """(options as JSON for navigator.credentials.create, the challenge).

    The member's existing passkeys are excluded, so an authenticator that
    already holds one says so instead of making a second."""
    party = relying_party()
    options = generate_registration_options(
        rp_id=party.id,
        rp_name=RP_NAME,
        user_name=member.username,
        user_id=_user_handle(member),
        timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id), transports=_transports(p))
            for p in member_passkeys(member)
        ],
    )
    return options_to_json(options), options.challenge


def sign_in_options():
    """(options as JSON for navigator.credentials.get, the challenge).

    No list of allowed credentials: the browser offers the passkeys it
    holds for this site, so nobody has to type a name first (and the page
    can't be asked which accounts have passkeys)."""
    options = generate_authentication_options(
        rp_id=relying_party().id,
        timeout=TIMEOUT_MS,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options), options.challenge
