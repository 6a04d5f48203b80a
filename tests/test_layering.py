"""The rooms of xlplugin import only downwards, in the order docs/ARCHITECTURE.md gives.

The order is read from the document's ```layers block (top floor first; names on one
line share a floor), so the document and this check cannot drift. Every import counts:
module level or inside a function, `import` or `from`, relative ones resolved, and
`importlib.import_module("xlplugin....")` with a literal name.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"
PACKAGE = "xlplugin"


def floors(markdown: str) -> dict[str, int]:
    """Room -> floor (0 the bottom) from the ```layers block, top floor first."""
    block = re.search(r"^```layers\n(.*?)^```", markdown, re.MULTILINE | re.DOTALL)
    assert block, "docs/ARCHITECTURE.md has no ```layers block"
    lines = [line.split("/") for line in block.group(1).splitlines() if line.strip()]
    return {name.strip(): len(lines) - 1 - i for i, names in enumerate(lines) for name in names}


def room_of(module: str) -> str:
    """xlplugin.reports.fill -> reports; xlplugin.validation -> validation; xlplugin -> __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(package_dir: Path):
    """(file, line, importing module, imported module) for every import of the package."""
    base = package_dir.parent
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(base).with_suffix("").parts)
        is_init = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_init else parts)
        here = module.split(".") if is_init else module.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    target = ".".join(here[:len(here) - node.level + 1]
                                      + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                # `from xlplugin import demo` imports xlplugin.demo; `__version__` is xlplugin's
                targets = ([f"{target}.{alias.name}" if alias.name in rooms(package_dir)
                            else target for alias in node.names]
                           if target == package_dir.name else [target])
            elif (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module"
                  and node.args and isinstance(node.args[0], ast.Constant)
                  and isinstance(node.args[0].value, str)):
                targets = [node.args[0].value]
            else:
                continue
            for target in targets:
                if target == package_dir.name or target.startswith(package_dir.name + "."):
                    yield path.relative_to(base).as_posix(), node.lineno, module, target


def rooms(package_dir: Path) -> set[str]:
    """Subpackages and top-level modules: the rooms the document must place."""
    found = {"__init__"}
    for child in package_dir.iterdir():
        if child.is_dir() and (child / "__init__.py").exists():
            found.add(child.name)
        elif child.suffix == ".py" and child.stem != "__init__":
            found.add(child.stem)
    return found


def problems(package_dir: Path, order: dict[str, int]) -> list[str]:
    """Unplaced rooms, imports of a room above one's own, and cycles between rooms."""
    present = rooms(package_dir)
    out = [f"{package_dir.name}/{name} is not placed in the ```layers block of "
           f"docs/ARCHITECTURE.md" for name in sorted(present - set(order))]
    out += [f"docs/ARCHITECTURE.md places {name}, which is not in {package_dir.name}/"
            for name in sorted(set(order) - present)]
    edges: dict[str, dict[str, str]] = defaultdict(dict)  # room -> room -> first place
    for file, line, module, target in imports(package_dir):
        src, dst = room_of(module), room_of(target)
        if src == dst:
            continue
        edges[src].setdefault(dst, f"{file}:{line}")
        if src in order and dst in order and order[dst] > order[src]:
            out.append(f"{file}:{line}: {src} imports {target}, but {dst} is above {src} "
                       f"in docs/ARCHITECTURE.md")
    for group, cycle in cycles(edges):
        out.append(f"import cycle among {', '.join(sorted(group))}, e.g. "
                   f"{' -> '.join(cycle + [cycle[0]])}: "
                   + "; ".join(f"{edges[a][b]} ({a} -> {b})"
                               for a, b in zip(cycle, cycle[1:] + cycle[:1])))
    return out


def cycles(edges: dict[str, dict[str, str]]) -> list[tuple[set[str], list[str]]]:
    """Each strongly connected group of rooms (Tarjan) with one cycle through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [(group, _cycle_in(group, edges)) for group in groups]


def _cycle_in(group: set[str], edges: dict[str, dict[str, str]]) -> list[str]:
    """A shortest cycle through the group's first member (breadth first)."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges.get(node, {})):
            if nxt == start:
                return paths[node]
            if nxt in group and nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start}")


def test_rooms_import_only_downwards_and_form_no_cycle():
    found = problems(ROOT / PACKAGE, floors(DOC.read_text(encoding="utf-8")))
    assert not found, "\n".join(found)


# ---------------------------------------------------------------- the check itself

LAYERS = "```layers\ntop / side\nmiddle\nbottom\n__init__\n```\n"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    return package


def test_floors_read_top_first_and_share_a_line():
    assert floors("text\n" + LAYERS) == {"top": 3, "side": 3, "middle": 2, "bottom": 1,
                                         "__init__": 0}


def test_an_upward_lazy_relative_import_names_file_line_and_rooms(tmp_path):
    package = _tree(tmp_path, {
        "top.py": "", "side.py": "", "middle/__init__.py": "",
        "bottom/__init__.py": "", "bottom/a.py": "def f():\n    from ..middle import x\n",
    })
    upward = ("pkg/bottom/a.py:2: bottom imports pkg.middle, but middle is above bottom "
              "in docs/ARCHITECTURE.md")
    assert problems(package, floors(LAYERS)) == [upward]


def test_a_cycle_on_one_floor_and_an_unplaced_room(tmp_path):
    package = _tree(tmp_path, {
        "top.py": "import importlib\nimportlib.import_module('pkg.side')\n",
        "side.py": "from pkg import top\n",
        "middle/__init__.py": "", "bottom/__init__.py": "", "extra.py": "",
    })
    cycle = ("import cycle among side, top, e.g. side -> top -> side: "
             "pkg/side.py:1 (side -> top); pkg/top.py:2 (top -> side)")
    assert problems(package, floors(LAYERS)) == [
        "pkg/extra is not placed in the ```layers block of docs/ARCHITECTURE.md", cycle]
