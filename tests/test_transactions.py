"""Where a transaction ends: verbs commit once, building blocks never.

The rule is checked twice: at run time, `@step` refuses a commit made while
a building block runs (so any test that exercises one would fail), and here
the source is read, so a building block that forgets `@step`, a view or a
query that commits, or a verb that calls another verb is caught before any
test runs it.
"""
import ast
from pathlib import Path

import pytest
from sqlalchemy import select

import forum
from forum.accounts.models import User
from forum.extensions import db
from forum.transactions import CommitInsideStep, step
from tests import factories

ROOT = Path(forum.__file__).parent

# Commands that load or rewrite data in batches, committing as they go; no
# view calls them.
BATCH_JOBS = {"demo.py", "demo_moderation.py", "demo_practitioners.py", "demo_stories.py", "rerender.py"}


def _is_services(path):
    return path.name == "services.py" or path.name.endswith("_services.py")


def _commits(node):
    """The `....commit()` calls inside `node`."""
    return [n for n in ast.walk(node) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr == "commit"]


def _functions(tree):
    return [n for n in tree.body if isinstance(n, ast.FunctionDef)]


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        yield path, ast.parse(path.read_text(), str(path))


def _name(path):
    return str(path.relative_to(ROOT.parent))


# At run time.

def test_a_building_block_that_commits_is_refused_and_nothing_is_saved(member):
    @step
    def careless_rename(user):
        user.username = "renamed_by_a_step"
        db.session.commit()

    with pytest.raises(CommitInsideStep, match="careless_rename is a building block"):
        careless_rename(member)
    db.session.rollback()
    assert db.session.scalar(select(User.username).where(User.id == member.id)) == "ana_runner"


def test_a_building_block_that_rolls_back_is_refused_loudly(member):
    @step
    def careless_undo(user):
        user.username = "changed_by_the_verb"
        db.session.rollback()

    with pytest.raises(CommitInsideStep, match="careless_undo is a building block: it rolled back"):
        careless_undo(member)


def test_a_savepoint_rolled_back_inside_a_step_is_allowed(member):
    @step
    def try_something(user):
        try:
            with db.session.begin_nested():
                user.username = "only_for_a_moment"
                raise LookupError
        except LookupError:
            pass

    try_something(member)
    db.session.commit()
    assert factories.reload(member).username == "ana_runner"


def test_a_verb_commits_what_its_building_blocks_added(member):
    @step
    def rename(user):
        user.username = "renamed_in_a_verb"

    def verb(user):
        rename(user)
        db.session.commit()

    verb(member)
    db.session.expire_all()
    assert db.session.scalar(select(User.username).where(User.id == member.id)) == "renamed_in_a_verb"


def test_a_building_block_may_use_a_savepoint(member):
    @step
    def careful(user):
        with db.session.begin_nested():
            user.username = "inside_a_savepoint"

    careful(member)
    db.session.commit()
    assert factories.reload(member).username == "inside_a_savepoint"


def test_a_step_nested_in_a_step_still_refuses_after_the_inner_one_returns(member):
    @step
    def inner(user):
        user.username = "inner"

    @step
    def outer(user):
        inner(user)
        db.session.commit()

    with pytest.raises(CommitInsideStep, match="outer"):
        outer(member)
    db.session.rollback()


# In the source.

def test_every_building_block_is_marked_and_none_commits():
    for path, tree in _modules():
        if path.name != "steps.py":
            continue
        assert _commits(tree) == [], _name(path)
        for function in _functions(tree):
            if function.name.startswith("_"):
                continue
            decorators = {d.id for d in function.decorator_list if isinstance(d, ast.Name)}
            assert "step" in decorators, f"{_name(path)}: {function.name} is not marked @step"


def test_only_verbs_commit():
    for path, tree in _modules():
        if _is_services(path) or path.name in BATCH_JOBS or _name(path) == "forum/transactions.py":
            continue  # transactions.py is where a commit is defined
        assert _commits(tree) == [], f"{_name(path)} commits; only the verbs in services modules may"


def test_each_verb_commits_once_and_its_helpers_never():
    # A public function in a services module is a verb: it changes something
    # and commits; a read belongs in queries.py.
    for path, tree in _modules():
        if not _is_services(path):
            continue
        for function in _functions(tree):
            commits = _commits(function)
            if function.name.startswith("_"):
                assert commits == [], f"{_name(path)}: helper {function.name} commits; its verb should"
            else:
                assert len(commits) == 1, f"{_name(path)}: {function.name} commits {len(commits)} times"


def _imports_verbs(node):
    """True when an import brings in a services module or names from one."""
    if not isinstance(node, ast.ImportFrom):
        return False
    modules = [node.module or ""] + [f"{node.module or ''}.{alias.name}" for alias in node.names]
    return any(m.rsplit(".", 1)[-1] == "services" or m.endswith("_services") for m in modules)


def test_no_verb_calls_another_verb():
    # A verb inside a verb would commit halfway through the outer one.
    for path, tree in _modules():
        if not _is_services(path):
            continue
        verbs = {f.name for f in _functions(tree) if not f.name.startswith("_")}
        for node in ast.walk(tree):
            assert not _imports_verbs(node), f"{_name(path)}:{node.lineno} imports verbs: build on steps instead"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in verbs, f"{_name(path)}:{node.lineno} calls the verb {node.func.id}"


@pytest.mark.parametrize("source", [
    "from ..threads.services import reply", "from . import services", "from ..threads import services",
    "from .report_services import decide_report", "from . import member_services",
])
def test_the_source_check_finds_a_verb_imported(source):
    assert _imports_verbs(ast.parse(source).body[0])


def test_the_source_checks_see_a_commit_in_a_step():
    # The checks above are only as good as _commits: it must find the call.
    tree = ast.parse("from ..transactions import step\n@step\ndef add(x):\n    db.session.commit()\n")
    assert len(_commits(tree)) == 1
