from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.accounts.models import User
from forum.auth.queries import authenticate
from forum.auth.services import register
from forum.errors import Refused
from forum.extensions import db
from forum.timeutil import utcnow
from tests.factories import PASSWORD, make_member


def member_count():
    return db.session.scalar(select(func.count(User.id)))


def refusal(username="sore_hip", email="sore_hip@example.org", password=PASSWORD, accepted_terms=True):
    """Try to register and return the refusal, checking nothing was stored."""
    before = member_count()
    with pytest.raises(Refused) as caught:
        register(username, email, password, accepted_terms)
    assert member_count() == before
    return caught.value


def test_registering_creates_a_member_with_the_name_as_typed():
    user = register("Sore_Hip", "Sore.Hip@Example.org", PASSWORD, accepted_terms=True)
    assert (user.username, user.role) == ("Sore_Hip", "member")
    assert db.session.get(User, user.id).email == "Sore.Hip@Example.org"


def test_registering_records_when_guidelines_and_disclaimer_were_accepted():
    before = utcnow()
    user = register("sore_hip", "sore_hip@example.org", PASSWORD, accepted_terms=True)
    after = utcnow()
    assert before - timedelta(seconds=1) <= user.guidelines_accepted_at <= after
    assert before - timedelta(seconds=1) <= user.disclaimer_accepted_at <= after


def test_the_password_is_stored_hashed():
    user = register("sore_hip", "sore_hip@example.org", PASSWORD, accepted_terms=True)
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")
    assert authenticate("sore_hip", PASSWORD) == user


@pytest.mark.parametrize("username", ["abc", "a" * 30, "ana.runner-2_b", "ABC"])
def test_usernames_of_three_to_thirty_allowed_characters_are_accepted(username):
    assert register(username, "someone@example.org", PASSWORD, accepted_terms=True).username == username


@pytest.mark.parametrize("username,message", [
    ("ab", "Use 3 to 30 characters."),
    ("a" * 31, "Use 3 to 30 characters."),
    ("ana runner", "Use only letters, digits, and _ - ."),
    ("ana@runner", "Use only letters, digits, and _ - ."),
    ("<b>ana</b>", "Use only letters, digits, and _ - ."),
    ("anaé_runner", "Names use the plain letters a–z, without accents: try “e” in place of “é”."),
])
def test_a_username_of_the_wrong_length_or_characters_is_refused(username, message):
    refused = refusal(username=username)
    assert (refused.field, refused.message) == ("username", message)


def test_a_username_taken_in_another_case_is_refused(member):
    refused = refusal(username="Ana_Runner")
    assert (refused.field, refused.message) == ("username", "That username is taken. Try another.")


def test_an_email_taken_in_another_case_is_refused():
    make_member(username="first_one", email="shared@example.org")
    refused = refusal(email="Shared@EXAMPLE.org")
    assert refused.field == "email"


def test_an_address_without_an_at_sign_is_refused():
    assert refusal(email="not-an-address").field == "email"


def test_a_short_password_is_refused():
    refused = refusal(password="rainy4hip")
    assert (refused.field, refused.message) == ("password", "Use at least 10 characters.")


@pytest.mark.parametrize("common", ["password123", "qwertyuiop", "1234567890"])
def test_a_common_password_is_refused(common):
    refused = refusal(password=common)
    assert refused.field == "password"
    assert "most common" in refused.message


def test_registering_without_accepting_the_terms_is_refused():
    refused = refusal(accepted_terms=False)
    assert (refused.field, refused.message) == ("accept", "Please read and accept the guidelines and disclaimer.")


@pytest.mark.parametrize("login", ["ana_runner", "ANA_Runner", "ana_runner@example.org", "Ana_Runner@Example.ORG", "  ana_runner "])
def test_a_member_signs_in_by_username_or_email_in_any_case(member, login):
    assert authenticate(login, PASSWORD) == member


def test_a_wrong_password_signs_nobody_in(member):
    assert authenticate("ana_runner", PASSWORD + "x") is None


def test_an_unknown_account_signs_nobody_in(member):
    assert authenticate("nobody_here", PASSWORD) is None


def test_the_password_is_case_sensitive(member):
    assert authenticate("ana_runner", PASSWORD.upper()) is None
