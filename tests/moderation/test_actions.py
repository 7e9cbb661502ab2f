"""The one way moderators' one-form actions are carried out."""
import inspect

import pytest

from forum.admin.forms import CaseActionForm
from forum.moderation import actions, report_services

TABLES = {**actions.POST_ACTIONS, **actions.THREAD_ACTIONS, **actions.MEMBER_ACTIONS}


def _parameters(verb):
    """The verb's parameters after (actor, target): required ones, and all."""
    params = list(inspect.signature(verb).parameters.values())[2:]
    return {p.name for p in params if p.default is p.empty}, {p.name for p in params}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_actions_form_gives_its_verb_exactly_what_it_takes(app, name):
    action = TABLES[name]
    with app.test_request_context(method="POST"):
        fields = set(actions.arguments(action.form(prefix=action.prefix)))
    required, accepted = _parameters(action.verb)
    assert required <= fields <= accepted, (name, fields, required, accepted)


def test_the_report_form_gives_decide_report_what_it_takes(app):
    with app.test_request_context(method="POST"):
        fields = set(actions.arguments(CaseActionForm()))
    required, accepted = _parameters(report_services.decide_report)
    assert required - {"decision"} <= fields <= accepted


def test_each_action_is_the_verb_of_the_same_name():
    # One verb, one name: the URL's action, the table's key and the service.
    for name, action in TABLES.items():
        assert action.verb.__name__ == name


def test_the_member_page_forms_have_a_prefix_each_and_the_role_forms_share_one():
    prefixes = {name: a.prefix for name, a in actions.MEMBER_ACTIONS.items()}
    assert all(prefixes.values())
    assert prefixes["appoint_moderator"] == prefixes["remove_moderator"]
