"""The package's shape (issue 19): folders that name the pipeline, no import cycle, no module reaching
into another's private names, and no stage importing a later one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tolltrack.ledger.figures import source_imports

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tolltrack"

# The pipeline's order: a module may import from its own stage and from earlier ones only.
# The store holds the model's records and knows nothing of the stages that make them.
STAGES = ["model", "config", "store", "ingest", "nlp", "geo", "extract", "linking", "reconcile", "ledger",
          "eval", "web", "cli"]  # fmt: skip


def modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package (migrations aside: they are scripts)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        if "migrations" in rel.parts:
            continue
        parts = list(rel.parts[:-1]) if rel.name == "__init__" else list(rel.parts)
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, top_level_only: bool = False) -> list[tuple[str, list[str]]]:
    """(imported module, imported names) for each tolltrack import of a module (the reader the
    figures' rules version walks the package with)."""
    return source_imports(name, path.read_text(), path.name == "__init__.py", top_level_only)


def edges(top_level_only: bool) -> dict[str, set[str]]:
    """Module -> the package modules it imports (a name that is a module counts as the module)."""
    mods = modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        for target, names in imports(name, path, top_level_only):
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in mods]
            graph[name] |= set(subs) or ({target} if target in mods else set())
    return graph


def stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "tolltrack"


def test_folders_name_the_pipeline():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    packages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert len(top) <= 12, top
    assert len(packages) >= 5, packages
    for folder in [PACKAGE, *(p.parent for p in PACKAGE.rglob("__init__.py"))]:
        stems = [p.stem for p in folder.glob("*.py") if not p.stem.startswith("_")]
        prefixes = Counter(stem.split("_")[0] for stem in stems)
        families = [f for f, n in prefixes.items() if n >= 3 and any(s.startswith(f + "_") for s in stems)]
        assert not families, f"{folder}: modules sharing a prefix {families} (a sub-package in disguise)"


def test_no_import_cycle():
    graph = edges(top_level_only=True)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path[path.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_no_module_imports_another_modules_private_names():
    mods = modules()
    found = []
    for name, path in mods.items():
        for target, names in imports(name, path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private and target != name:
                found.append(f"{name} imports {private} from {target}")
    assert not found, found


def test_no_stage_imports_a_later_one():
    order = {s: i for i, s in enumerate(STAGES)}
    found = []
    for name, targets in edges(top_level_only=False).items():
        here = order.get(stage(name))
        for target in targets:
            there = order.get(stage(target))
            if here is not None and there is not None and there > here:
                found.append(f"{name} -> {target}")
    assert not found, found


def test_migrations_change_the_schema_only():
    """A revision imports nothing above the store: work that needs the stages (the linker's names,
    the claims' scope) is marked pending and done by the ledger (``store.schema.DATA_STEPS``)."""
    found = []
    for path in (PACKAGE / "store" / "migrations").rglob("*.py"):
        for target, _ in imports("tolltrack.store.migrations." + path.stem, path):
            if stage(target) not in ("model", "config", "store"):
                found.append(f"{path.name} imports {target}")
    assert not found, found
