from .. import markup
from ..audit.steps import record
from ..errors import Refused
from ..extensions import db
from ..permissions import require
from ..timeutil import utcnow
from .models import DisclaimerVersion
from .steps import record_acceptance


def publish_disclaimer(actor, summary, body, must_accept):
    """Publish a new version. Refuses non-moderators and empty text. With
    `must_accept`, every member must accept it again before their next post."""
    require(actor, "publish_disclaimer")
    summary, body = (summary or "").strip(), (body or "").strip()
    if not summary:
        raise Refused("Write the short form shown in every page's footer.", field="summary")
    if not body:
        raise Refused("Write the full text.", field="body")
    version = DisclaimerVersion(
        summary=summary, body=body, body_html=markup.render(body), must_accept=bool(must_accept),
        published_at=utcnow(), published_by_id=actor.id,
    )
    db.session.add(version)
    db.session.flush()
    record(actor, "publish_disclaimer", "disclaimer", version.id,
           {"version": version.id, "summary": summary, "must_accept": version.must_accept}, "")
    db.session.commit()
    return version


def accept_disclaimer(member, version):
    """Record that a member accepted a version."""
    record_acceptance(member, version)
    db.session.commit()
