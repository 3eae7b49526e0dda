"""Dependencies point one way (docs/architecture.md, "Layers"), checked on the source so a cycle cannot come back.

Every ``import`` of ``toasoan/`` counts, at module level or inside a function: a lazy import hides a cycle from
Python's loader, not from the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

import toasoan

ROOT = Path(toasoan.__file__).parent
# What a models module must never import, from its own app or another: the layers above the models.
UPPER_LAYERS = frozenset({"selectors", "services", "views", "panels", "wagtail_hooks", "contexts"})


def _module_files() -> dict[str, Path]:
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


MODULES = _module_files()


def _known(name: str) -> str | None:
    """The toasoan module ``name`` names (a module, or a name inside one)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> dict[str, int]:
    """{imported toasoan module: first line} for every import statement of ``module``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # "from toasoan.news import selectors" imports the module toasoan.news.selectors.
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for name in names:
            target = _known(name)
            if target and target != module:
                found.setdefault(target, node.lineno)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_graph_is_read():
    # The walk sees the imports it must see (a broken walk would find no cycle anywhere).
    assert "toasoan.news.models" in GRAPH["toasoan.news.selectors"]
    assert "toasoan.news.selectors" in GRAPH["toasoan.news.contexts"]


def test_cycles_are_found():
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_between_modules():
    described = [
        " → ".join(members) + "\n" + "\n".join(
            f"    {m} imports {t} (line {GRAPH[m][t]})" for m in members for t in members if t in GRAPH[m]
        )
        for members in _cycles(GRAPH)
    ]
    assert not described, "Import cycles:\n" + "\n".join(described)


def test_models_import_no_upper_layer():
    wrong = [
        f"{module} imports {target} (line {line})"
        for module, targets in GRAPH.items()
        if "models" in module.split(".")  # a models module, or a module of a models package
        for target, line in targets.items()
        if target.rpartition(".")[2] in UPPER_LAYERS
    ]
    assert not wrong, "A models module imports an upper layer:\n" + "\n".join(wrong)


def test_every_reader_page_model_has_its_context_registered():
    from django.apps import apps

    from toasoan.core import page_context

    pages = [m for m in apps.get_models() if issubclass(m, page_context.ReaderContextMixin)]
    assert {m._meta.label for m in pages} >= {"home.HomePage", "news.ArticlePage", "sections.SectionPage"}
    assert all(m._meta.label_lower in page_context._builders for m in pages)


def test_the_article_editor_keeps_the_entities_panel():
    # Attached by the entities app (its AppConfig.ready), not imported by news.models.
    from toasoan.entities.panels import EntitySuggestionsPanel
    from toasoan.news.models import ArticlePage

    def panels(panel):
        yield panel
        for child in getattr(panel, "children", []):
            yield from panels(child)

    found = [p for p in panels(ArticlePage.get_edit_handler()) if isinstance(p, EntitySuggestionsPanel)]
    assert len(found) == 1
