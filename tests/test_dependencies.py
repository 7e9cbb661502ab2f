"""The forum's packages depend on each other one way only.

Every import counts, wherever it is written (inside a function, under
TYPE_CHECKING): an import tucked away in a function is still a dependency,
only a hidden one. A unit is a package under forum/ (`threads`) or a
top-level module (`markup`); `forum` itself is the app factory.
"""
import ast
from pathlib import Path

import forum

ROOT = Path(forum.__file__).parent

# Modules every domain may use, which themselves know no domain.
SHARED = {
    "config", "database", "drafts", "errors", "extensions", "formdata", "markup", "navigation", "pagination",
    "permissions", "proxies", "routing", "security", "templating", "timeutil", "transactions",
    # The job queue and email delivery carry any domain's work, knowing none.
    "jobs", "mail",
    # The one differ: two versions of any text, compared for reading.
    "textdiff",
    # Backups copy the whole database, knowing none of its tables but Alembic's.
    "backup",
}
# What a new forum is built on: it may use the shared modules only.
BASE = "accounts"


def _unit_of(module):
    """'forum.threads.services' -> 'threads'; 'forum' -> 'forum'; others None."""
    parts = module.split(".")
    if parts[0] != "forum":
        return None
    return parts[1] if len(parts) > 1 else "forum"


def _module_name(path):
    relative = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_modules(path):
    """Every module `path` imports, as absolute dotted names."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                # `from .. import markup` imports the module forum.markup;
                # `from ..errors import Refused`, the module forum.errors.
                candidate = ROOT.parent.joinpath(*f"{source}.{alias.name}".split("."))
                is_module = candidate.with_suffix(".py").exists() or candidate.is_dir()
                found.add(f"{source}.{alias.name}" if is_module else source)
    return found


def dependency_graph():
    """{unit: the other units it imports}."""
    graph = {}
    for path in sorted(ROOT.rglob("*.py")):
        unit = _unit_of(_module_name(path))
        edges = graph.setdefault(unit, set())
        for module in _imported_modules(path):
            other = _unit_of(module)
            if other and other != unit:
                edges.add(other)
    return graph


def _reachable(graph, start):
    seen, todo = set(), [start]
    while todo:
        for other in graph.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def cycles(graph):
    """The groups of units that import each other, directly or round a loop."""
    reach = {unit: _reachable(graph, unit) for unit in graph}
    groups = {frozenset({unit} | {o for o in reach[unit] if unit in reach.get(o, ())}) for unit in graph if unit in reach[unit]}
    return sorted(sorted(group) for group in groups)


def test_no_two_packages_depend_on_each_other():
    assert cycles(dependency_graph()) == []


def test_the_shared_modules_know_no_domain():
    graph = dependency_graph()
    for unit in SHARED:
        assert graph.get(unit, set()) <= SHARED, (unit, graph[unit] - SHARED)


def test_accounts_are_the_base_every_domain_builds_on():
    graph = dependency_graph()
    assert graph[BASE] <= SHARED, graph[BASE] - SHARED
    domains = {u for u in graph if (ROOT / u).is_dir()} - {BASE, "pages"} - SHARED
    for domain in domains:
        assert BASE in _reachable(graph, domain), domain


def test_the_cycle_finder_finds_a_loop():
    # The check above is only as good as this: a loop of three is reported.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_a_hidden_import_inside_a_function_counts(tmp_path, monkeypatch):
    package = tmp_path / "forum" / "alpha"
    package.mkdir(parents=True)
    (tmp_path / "forum" / "beta.py").write_text("")
    source = package / "views.py"
    source.write_text("def page():\n    from .. import beta\n    from ..beta import thing\n")
    monkeypatch.setattr("tests.test_dependencies.ROOT", tmp_path / "forum")
    assert _imported_modules(source) == {"forum.beta"}
