"""An applicant, and ways to move an application's clock."""
from datetime import timedelta

import pytest

from forum.extensions import db
from forum.timeutil import utcnow
from tests import factories


@pytest.fixture
def application(member):
    """ana_runner's pending application as an LMT licensed in Florida."""
    return factories.make_application(member)


def expire(application, days_ago=0):
    """Move the verification's lapse time to `days_ago` days in the past
    (0: this very moment), as if the calendar had moved on."""
    application.lapses_at = utcnow() - timedelta(days=days_ago, seconds=1)
    db.session.commit()
    return application
