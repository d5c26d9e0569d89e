"""The import graph of copadvisor's steps, as a Mermaid diagram for docs/architecture.md (a script, not a test).

    python tools/architecture.py            # print the diagram
    python tools/architecture.py --write    # replace the diagram in docs/architecture.md
    python tools/architecture.py --check    # exit 1 when docs/architecture.md is stale or a cycle exists

The graph is grimp's (the library behind import-linter, whose contracts in pyproject.toml keep the layers):
one node per step (a top-level module or package of copadvisor), an arrow where one step imports another
directly, leaving out the arrows that a longer way already implies (so the spine shows).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- begin: tools/architecture.py -->", "<!-- end: tools/architecture.py -->"
LEFT_OUT = {"copadvisor", "copadvisor.__main__", "copadvisor.terms", "copadvisor.errors"}  # used by (nearly) all


def step(module: str) -> str:
    return ".".join(module.split(".")[:2])


def edges(graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    found = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            a, b = step(module), step(imported)
            if a != b and a not in LEFT_OUT and b not in LEFT_OUT:
                found.add((a, b))
    return found


def reduced(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The arrows no longer way implies (a transitive reduction): the spine, without the short cuts."""
    targets: dict[str, set[str]] = {}
    for a, b in pairs:
        targets.setdefault(a, set()).add(b)

    def reachable(start: str, skip: tuple[str, str]) -> set[str]:
        seen: set[str] = set()
        todo = [b for b in targets.get(start, ()) if (start, b) != skip]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(targets.get(node, ()))
        return seen

    return {(a, b) for a, b in pairs if b not in reachable(a, (a, b))}


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every circle of direct imports between modules (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.find_modules_directly_imported_by(node)):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def mermaid(pairs: Iterable[tuple[str, str]]) -> str:
    def name(module: str) -> str:
        return module.removeprefix("copadvisor.")

    lines = ["```mermaid", "flowchart TD"]
    lines += [f"    {name(a)} --> {name(b)}" for a, b in sorted(pairs)]
    return "\n".join([*lines, "```"])


def document(diagram: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{diagram}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    graph = grimp.build_graph("copadvisor")
    diagram = mermaid(reduced(edges(graph)))
    if args.check:
        problems = [f"import cycle: {' -> '.join(c)}" for c in cycles(graph)]
        if DOC.read_text(encoding="utf-8") != document(diagram):
            stale = f"{DOC.relative_to(ROOT)}: the diagram is stale"
            problems.append(f"{stale}; run `python tools/architecture.py --write`")
        print("\n".join(problems) or "up to date, no cycle")
        return 1 if problems else 0
    if args.write:
        DOC.write_text(document(diagram), encoding="utf-8")
        return 0
    print(diagram)
    return 0


if __name__ == "__main__":
    sys.exit(main())
