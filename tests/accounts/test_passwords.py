import pytest
from werkzeug.security import check_password_hash

from forum.accounts.passwords import MIN_LENGTH, hash_password, problem_with, verify_password


def test_a_password_of_ten_characters_is_long_enough():
    assert MIN_LENGTH == 10
    assert problem_with("rainy4hips") is None


def test_a_password_of_nine_characters_is_refused():
    assert problem_with("rainy4hip") == "Use at least 10 characters."


@pytest.mark.parametrize("common", ["password123", "qwertyuiop", "1234567890", "PASSWORD123"])
def test_a_common_password_is_refused_whatever_its_case(common):
    assert "most common" in problem_with(common)


def test_a_long_run_of_one_character_is_refused():
    assert "most common" in problem_with("zzzzzzzzzzzzzz")


def test_a_password_containing_the_username_is_refused():
    assert "username" in problem_with("my ana_runner secret", username="Ana_Runner")


def test_a_password_containing_the_email_name_is_refused():
    assert "email" in problem_with("sciatica.sam is me", email="sciatica.sam@example.org")


def test_a_normal_configuration_hashes_with_scrypt(app_with_config):
    plain = app_with_config(PASSWORD_HASH_METHOD=None, TESTING=None, RATELIMIT_ENABLED=False)
    assert "PASSWORD_HASH_METHOD" not in plain.config
    with plain.app_context():
        hashed = hash_password("foam roller every evening")
    assert hashed.startswith("scrypt:")
    assert check_password_hash(hashed, "foam roller every evening")


def test_the_hash_is_not_the_password_and_checks_only_the_right_one(app):
    hashed = hash_password("foam roller every evening")
    assert "foam roller" not in hashed
    assert verify_password(hashed, "foam roller every evening")
    assert not verify_password(hashed, "foam roller every morning")


def test_checking_against_no_account_is_always_false(app):
    assert verify_password(None, "foam roller every evening") is False
