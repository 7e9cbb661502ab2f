"""Names may not imitate a badge, a role or another member (forum/accounts/names.py)."""
import itertools
from html import escape
from typing import NamedTuple

import pytest
from sqlalchemy import select

from forum.accounts.models import User, username_key
from forum.accounts.names import CREDENTIAL, MARKS, _prototypes, problem_with_name, skeleton, words
from forum.accounts.steps import check_username_free, rename_account
from forum.demo import MEMBERS
from forum.demo_moderation import MODERATOR
from forum.errors import Refused
from forum.extensions import db
from forum.practitioners.credentials import CREDENTIALS
from forum.timeutil import utcnow
from tests.auth.test_views import field_error, register_with, stored

_emails = itertools.count(1)


class Name(NamedTuple):
    name: str
    existing: str | None  # a member already called this, or None
    refused: bool
    says: str | None = None  # a phrase the refusal contains


NAMES = [
    # Letters from another alphabet, styled letters, invisible characters.
    Name("аna_runner", "ana_runner", True, "a Cyrillic letter that looks like the Latin “a”"),
    Name("mod_rоsa", "mod_rosa", True, "Cyrillic"),
    Name("аdmin", None, True, "Cyrillic"),
    Name("Αna_runner", "ana_runner", True, "a Greek letter that looks like the Latin “A”"),
    Name("dana_pοrtland", "dana_portland", True, "Greek"),
    Name("ɑna_runner", "ana_runner", True, "looks like “a” but is a different letter"),
    Name("ａｎａ_runner", "ana_runner", True, "full-width or decorated form of “a”"),
    Name("𝐚na_runner", "ana_runner", True, "full-width or decorated form of “a”"),
    Name("ana\u200b_runner", "ana_runner", True, "invisible character"),
    Name("mod\u200d_rosa", "mod_rosa", True, "invisible character"),
    Name("ana\u00a0runner", None, True, "unusual space"),
    Name("josé_r", None, True, "try “e” in place of “é”"),
    # Look-alikes within a-z, digits and _ - .
    Name("mod_r0sa", "mod_rosa", True, "too close to an existing member's name (mod_rosa)"),
    Name("m0d_rosa", "mod_rosa", True, "(mod_rosa)"),
    Name("rnod_rosa", "mod_rosa", True, "(mod_rosa)"),
    Name("hillrunner_rnk", "hillrunner_mk", True, "(hillrunner_mk)"),
    Name("ana-runner", "ana_runner", True, "(ana_runner)"),
    Name("ana.runner", "ana_runner", True, "(ana_runner)"),
    Name("anarunner", "ana_runner", True, "(ana_runner)"),
    Name("jojo_walks", "jojo-walks", True, "(jojo-walks)"),
    Name("marguerite_b", "marguerite.b", True, "(marguerite.b)"),
    Name("Iee_keeper", "lee_keeper", True, "(lee_keeper)"),
    Name("1ee_keeper", "lee_keeper", True, "(lee_keeper)"),
    Name("qu1et_oak", "quiet_oak", True, "(quiet_oak)"),
    Name("clana_portland", "dana_portland", True, "(dana_portland)"),
    Name("c1ana_portland", "dana_portland", True, "(dana_portland)"),
    Name("vvendy", "wendy", True, "(wendy)"),
    Name("wendy_vvalks", "wendy_walks", True, "(wendy_walks)"),
    Name("Ana_Runner", "ana_runner", True, "That username is taken."),
    # Credentials and titles, wherever they stand in the name.
    Name("PT_jordan", None, True, "“PT” reads as a professional title"),
    Name("jordan.pt", None, True, "“PT”"),
    Name("JordanPT", None, True, "“PT”"),
    Name("jordan_PT1", None, True, "“PT”"),
    Name("dana-lmt", None, True, "“LMT”"),
    Name("dr_lee", None, True, "“Dr”"),
    Name("DrLee", None, True, "“Dr”"),
    Name("lee_md", None, True, "“MD”"),
    Name("lee_rnd", None, True, "“MD”"),
    Name("0T_sam", None, True, "“OT”"),
    Name("sam_D0", None, True, "“DO”"),
    Name("Jo_DO", None, True, "“DO”"),
    Name("DC_jo", None, True, "“DC”"),
    Name("doc_kay", None, True, "“Doc”"),
    Name("kay-rn", None, True, "“RN”"),
    Name("np_kay", None, True, "“NP”"),
    Name("kay_LPN", None, True, "“LPN”"),
    Name("ana_phd", None, True, "“PhD”"),
    Name("nurse_kay", None, True, "“nurse”"),
    Name("ATC.jo", None, True, "“ATC”"),
    Name("p.t", None, True, "“PT”"),
    Name("Jordan_P.T.", None, True, "“PT”"),
    Name("P_T_jordan", None, True, "“PT”"),
    Name("John_M.D", None, True, "“MD”"),
    Name("Jane_L.M.T", None, True, "“LMT”"),
    Name("kay-R-N", None, True, "“RN”"),
    Name("Jane_PhD", None, True, "“PhD”"),
    Name("JanePhD", None, True, "“PhD”"),
    Name("Jane-PsyD", None, True, "“PsyD”"),
    Name("Jane_Ph.D.", None, True, "“PhD”"),
    # Role words: as a word, or at the start or end of one.
    Name("admin_lee", None, True, "“admin” would make the name look like the forum's staff"),
    Name("theadmin", None, True, "“admin”"),
    Name("adminjoe", None, True, "“admin”"),
    Name("TheAdmin", None, True, "“admin”"),
    Name("adm1n_jo", None, True, "“admin”"),
    Name("ad_min", None, True, "“admin”"),
    Name("moderator_kim", None, True, "“moderator”"),
    Name("verified_rosa", None, True, "“verified”"),
    Name("rosa_official", None, True, "“official”"),
    Name("forumhelper", None, True, "“forum”"),
    Name("the_staff", None, True, "“staff”"),
    Name("support-team", None, True, "“support”"),
    # Check marks and symbols.
    Name("ana✓runner", None, True, MARKS),
    Name("✔rosa", None, True, MARKS),
    Name("rosa☑", None, True, MARKS),
    Name("rosa✅", None, True, MARKS),
    Name("★rosa", None, True, MARKS),
    Name("rosa⚕", None, True, MARKS),
    # Allowed: near but distinct, or a credential or role only inside a word.
    Name("ana_runner2", "ana_runner", False),
    Name("ana_runs", "ana_runner", False),
    Name("mod_rosie", "mod_rosa", False),
    Name("hillrunner_nk", "hillrunner_mk", False),
    Name("optimist", None, False),
    Name("adept", None, False),
    Name("domino", None, False),
    Name("badminton_fan", None, False),
    Name("steam_punk", None, False),
    Name("staffy_lover", None, False),
    Name("teamwork_tom", None, False),
    Name("supporter_sam", None, False),
    Name("jordan_P7", None, False),
    Name("jordan_m", None, False),
    Name("ana_b_runner", None, False),
    Name("j.r_walks", None, False),
    Name("PsyDuck_fan", None, False),
    Name("just_do_it", None, False),
    Name("to_do_list", None, False),
    Name("DoTheThing", None, False),
    Name("Jo_Do", None, False),
    Name("just_d0_it", None, False),
    Name("dc_fan", None, False),
    Name("ot_lover", None, False),
    Name("m2_jordan", None, False),
    Name("little_imp", None, False),
    Name("doreen_walks", None, False),
    Name("McDonald", None, False),
    # The demo members' names, and those the browser tests register.
    *[Name(n, None, False) for n in (*(m.username for m in MEMBERS), MODERATOR[0])],
    *[Name(n, None, False) for n in ("lena_kneads", "dev_moves", "lou_stretches", "mod_mia", "ada_keeper", "grumpy_gus",
                                     "night_owl", "pending_pat", "asked_ali", "answered_abe", "rejected_rob",
                                     "desk_sitter", "quick_fix_kev", "fell_on_ice", "no_script_sam")],
]
IDS = [f"{n.name!a}~{n.existing}" for n in NAMES]


def _by_name(*names):
    return [row for row in NAMES if row.name in names]


def insert_member(username):
    """A member stored directly, as names were before these rules: nothing checked."""
    n = next(_emails)
    user = User(username=username, username_key=username_key(username), username_skeleton=skeleton(username),
                email=f"m{n}@example.org", email_key=f"m{n}@example.org", password_hash="x", created_at=utcnow())
    db.session.add(user)
    db.session.commit()
    return user


def test_there_are_enough_tricky_names():
    assert len(NAMES) >= 40
    assert {True, False} == {row.refused for row in NAMES}


@pytest.mark.parametrize("row", NAMES, ids=IDS)
def test_each_name_through_the_rules_and_the_skeleton(row):
    problem = problem_with_name(row.name)
    alike = row.existing is not None and skeleton(row.name) == skeleton(row.existing)
    assert (problem is not None or alike) is row.refused, problem
    if problem and row.says:
        assert row.says in problem


@pytest.mark.parametrize("row", NAMES, ids=IDS)
def test_each_name_against_the_members_already_there(row):
    if row.existing:
        insert_member(row.existing)
    if not row.refused:
        assert check_username_free(row.name) == skeleton(row.name)
        return
    with pytest.raises(Refused) as refused:
        check_username_free(row.name)
    assert refused.value.field == "username"
    assert row.says in refused.value.message


PAGE_ROWS = _by_name("аdmin", "ａｎａ_runner", "ana\u200b_runner", "ana✓runner", "mod_r0sa", "ana-runner", "PT_jordan",
                     "theadmin", "Iee_keeper", "badminton_fan", "jordan_P7")


@pytest.mark.parametrize("row", PAGE_ROWS, ids=[n.name for n in PAGE_ROWS])
def test_the_registration_page_says_so_beside_the_field_and_keeps_what_was_typed(client, row):
    if row.existing:
        insert_member(row.existing)
    response = register_with(client, username=row.name)
    if not row.refused:
        assert response.status_code == 302
        assert stored(row.name).username_skeleton == skeleton(row.name)
        return
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert row.says in field_error(html, "username")
    assert f'value="{escape(row.name)}"' in html
    assert 'value="sore.hip@example.org"' in html
    assert db.session.scalar(select(User).where(User.email_key == "sore.hip@example.org")) is None


@pytest.mark.parametrize("credential", sorted(CREDENTIALS))
def test_every_credential_a_practitioner_can_hold_is_refused_in_a_name(credential):
    for name in (f"Jordan_{credential}", f"{credential}_jordan", f"Jordan{credential}"):
        assert problem_with_name(name) == CREDENTIAL.format(word=credential), name


# The skeleton

def test_separators_case_and_styled_letters_make_no_difference():
    assert skeleton("ana-runner") == skeleton("ana_runner") == skeleton("ana.runner") == skeleton("ANA_Runner") == "anarunner"
    assert skeleton("ＡＮＡ＿ＲＵＮＮＥＲ") == "anarunner"


def test_unicodes_look_alikes_share_a_skeleton():
    assert skeleton("mod_r0sa") == skeleton("mod_rosa") == skeleton("rnod_rosa") == skeleton("mod_rоsa")
    assert skeleton("l") == skeleton("1") == skeleton("I") == skeleton("i") == skeleton("Ι")
    assert skeleton("ana\u200brunner") == skeleton("anarunner")


def test_letter_pairs_that_read_as_one_letter_share_a_skeleton():
    assert skeleton("clana") == skeleton("cIana") == skeleton("dana") == "dana"
    assert skeleton("vvendy") == skeleton("wendy") == "wendy"
    assert skeleton("vw") == skeleton("wv") == skeleton("vvv")
    assert skeleton("rn") == skeleton("m")


def test_the_table_is_unicodes_own_read_from_its_file():
    table = _prototypes()
    assert len(table) > 6000
    assert (table["0"], table["1"], table["I"], table["m"], table["а"], table["ɑ"]) == ("O", "l", "l", "rn", "a", "a")
    assert all(len(source) == 1 for source in table)


def test_a_name_is_read_as_a_reader_splits_it():
    assert {"pt", "jordan"} <= words("JordanPT")
    assert "ot" in words("0T_sam") and "pt" in words("PT1")
    assert "p" not in words("P7") and "rn" not in words("jordan_m")
    assert "pt" in words("Jordan_P.T.") and "b" not in words("ana_b_runner")
    assert "phd" in words("JanePhD") and "psyd" not in words("PsyDuck")


def test_characters_are_checked_before_the_pattern():
    assert problem_with_name("ana✓runner") == MARKS
    assert "Cyrillic" in problem_with_name("аna runner")
    assert problem_with_name("ana runner") == "Use only letters, digits, and _ - ."


def test_a_name_given_up_recently_is_refused_without_saying_whose_it_was():
    owner = insert_member("ruth_on_ice")
    rename_account(owner, "ruth_in_spring")
    db.session.commit()
    with pytest.raises(Refused) as refused:
        check_username_free("ruth-on-ice")
    assert "in use until recently" in refused.value.message
    assert "ruth_in_spring" not in refused.value.message and "ruth_on_ice" not in refused.value.message
    assert check_username_free("ruth-on-ice", member=owner) == skeleton("ruth_on_ice")


def test_the_names_own_message_shows_even_when_another_field_is_wrong_too(client):
    response = register_with(client, username="аdmin", email="not an address")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(html, "username") == problem_with_name("аdmin")  # alone, and about the Cyrillic а
    assert field_error(html, "email") == "Enter a valid email address."
