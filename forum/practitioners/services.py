"""The applicant's verbs: apply, answer a moderator's question, withdraw.
The moderators' verbs are in review_services.py."""
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from .. import markup
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .credentials import CREDENTIALS, JURISDICTIONS, OTHER, npi_is_valid
from .models import Application
from .steps import move, send_lapse_notices

BIO_MAX = 1000
ANSWER_MAX = 2000
ALREADY_OPEN = "You already have an application waiting. Answer or withdraw it before applying again."
# Beyond this, an expiry date is more likely a typing slip than a licence.
LONGEST_LICENCE = timedelta(days=366 * 6)


def apply_practitioner(actor, *, credential, licence_number, jurisdiction, legal_name, licence_expires_on,
                       agree, jurisdiction_other="", practice_name="", city="", npi="", bio="", show_licence=False):
    """Ask to be shown as a practitioner. Refuses a suspended member, a member
    with an application already open, an unknown credential or jurisdiction,
    a licence that has expired, an NPI that fails its check digit, a bio over
    BIO_MAX characters, and an applicant who hasn't agreed not to solicit
    clients and to disclose their interests. Nothing is shown publicly until
    a moderator verifies the licence."""
    require(actor, "apply_practitioner")
    fields = _checked(credential, licence_number, jurisdiction, jurisdiction_other, legal_name,
                      licence_expires_on, npi, bio)
    if not agree:
        raise Refused("Agree to the practitioner guidelines to apply.", field="agree")
    application = Application(
        member_id=actor.id, status="pending", open_for_member=actor.id, practice_name=(practice_name or "").strip(),
        city=(city or "").strip(), bio_html=markup.render(fields["bio"]), show_licence=bool(show_licence),
        created_at=utcnow(), **fields,
    )
    try:
        with db.session.begin_nested():
            db.session.add(application)
    except IntegrityError:
        # The unique key on open_for_member: one open application per member.
        raise Refused(ALREADY_OPEN) from None
    db.session.commit()
    return application


def _checked(credential, licence_number, jurisdiction, jurisdiction_other, legal_name, expires_on, npi, bio):
    """The application's details, tidied, or a Refused naming the field."""
    if credential not in CREDENTIALS:
        raise Refused("Choose your credential.", field="credential")
    jurisdiction_other = (jurisdiction_other or "").strip()
    if jurisdiction != OTHER and jurisdiction not in JURISDICTIONS:
        raise Refused("Choose where your licence was issued.", field="jurisdiction")
    if jurisdiction == OTHER and not jurisdiction_other:
        raise Refused("Write the country that issued your licence.", field="jurisdiction_other")
    licence_number = (licence_number or "").strip()
    if not licence_number:
        raise Refused("Enter your licence number.", field="licence_number")
    legal_name = (legal_name or "").strip()
    if not legal_name:
        raise Refused("Enter your name exactly as it appears on the licence.", field="legal_name")
    today = utcnow().date()
    if expires_on is None or expires_on <= today:
        raise Refused("That licence has expired. Renew it with your board, then apply.", field="licence_expires_on")
    if expires_on > today + LONGEST_LICENCE:
        raise Refused("Check the expiry date: licences are renewed every few years.", field="licence_expires_on")
    npi = (npi or "").strip()
    if npi and not npi_is_valid(npi):
        raise Refused("That isn't a valid NPI: it has 10 digits and the last is a check digit. Leave it empty if you have none.",
                      field="npi")
    bio = (bio or "").strip()
    if len(bio) > BIO_MAX:
        raise Refused(f"Keep your bio to {BIO_MAX} characters or fewer.", field="bio")
    return {"credential": credential, "licence_number": licence_number, "jurisdiction": jurisdiction,
            "jurisdiction_other": jurisdiction_other if jurisdiction == OTHER else "", "legal_name": legal_name,
            "licence_expires_on": expires_on, "npi": npi or None, "bio": bio}


def answer_practitioner_info(actor, application, answer):
    """Answer the moderators' question; the application waits for them again.
    Refuses anyone but the applicant, an empty or over-long answer, and an
    application nobody asked about."""
    require(actor, "answer_practitioner_info", application)
    answer = (answer or "").strip()
    if not answer:
        raise Refused("Write your answer for the moderators.", field="answer")
    if len(answer) > ANSWER_MAX:
        raise Refused(f"Keep your answer to {ANSWER_MAX} characters or fewer.", field="answer")
    move(application, "answer_practitioner_info", status="pending", info_answer=answer)
    db.session.commit()
    return application


def withdraw_practitioner(actor, application):
    """Withdraw an application still waiting. Refuses anyone but the
    applicant, and an application already decided."""
    require(actor, "withdraw_practitioner", application)
    move(application, "withdraw_practitioner", status="withdrawn", open_for_member=None, decided_at=utcnow())
    db.session.commit()
    return application


def notify_lapsing():
    """Tell practitioners whose badge lapses within 30 days, each once; run
    daily. The badge itself needs nothing run: it goes when it lapses."""
    told = send_lapse_notices()
    db.session.commit()
    return told
