"""The frameworks' places (issue #15, "Fit the frameworks"; docs/architecture.md): Wagtail hooks are
registered in ``wagtail_hooks.py`` only, and signal receivers are connected in ``AppConfig.ready()`` —
explicitly there, or by importing the app's ``signals.py`` from it — never as a side effect of importing
another module."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cms", "search", "portal", "applications", "interaction", "consultations", "supervision",
        "annual_reports", "graphql_api", "blocks", "demo"]


def sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(encoding="utf-8"))


def dotted(node) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def module_level_calls(tree):
    """Calls and decorators executed when the module is imported (not inside a function body)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from node.decorator_list
            continue
        if isinstance(node, ast.ClassDef):
            yield from node.decorator_list
        if isinstance(node, ast.Call):
            yield node
        pending.extend(ast.iter_child_nodes(node))


def test_hooks_are_registered_in_wagtail_hooks_only():
    misplaced = [f"{path.relative_to(ROOT)}:{node.lineno}" for path, tree in sources()
                 if path.name != "wagtail_hooks.py" for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and dotted(node) == "hooks.register"]
    assert misplaced == []


def test_no_receiver_is_connected_on_import_outside_signals_modules():
    misplaced = [f"{path.relative_to(ROOT)}:{node.lineno}" for path, tree in sources()
                 if path.name != "signals.py" for node in module_level_calls(tree)
                 if dotted(node) == "receiver" or dotted(node).endswith(".connect")]
    assert misplaced == []

