"""Migration tables: what changes between two published layouts, as data.

One file per version step in `xlplugin/layout/history/`, named `<from>-<to>.toml`
(e.g. `2023.1-2023.3.toml`). Each lists changes by kind; `chain` returns the steps that
lead from a workbook's layout version to the current one, oldest first.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..layout.history import HISTORY_DIR
from ..layout.model import LayoutError

KINDS = ("column_renamed", "column_added", "column_removed", "column_moved",
         "list_value_renamed", "table_added", "approvals_from_slot")


@dataclass(frozen=True)
class Step:
    """One version step: each kind is a tuple of its entries (dicts as written)."""

    source: str  # layout version the step starts from
    target: str
    changes: dict[str, tuple[dict, ...]] = field(default_factory=dict)

    def of(self, kind: str) -> tuple[dict, ...]:
        return self.changes.get(kind, ())


def load_step(path: Path) -> Step:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    head = raw.get("step", {})
    unknown = set(raw) - {"step", *KINDS}
    if unknown:
        raise LayoutError(f"{path.name}: jenis perubahan tidak dikenal: {sorted(unknown)}")
    return Step(head["from"], head["to"], {k: tuple(raw.get(k, ())) for k in KINDS})


def all_steps(folder: Path = HISTORY_DIR) -> list[Step]:
    return [load_step(p) for p in sorted(folder.glob("*-*.toml"))]


def chain(source: str, target: str, steps: list[Step] | None = None) -> list[Step]:
    """The steps from layout `source` to layout `target`, in order. A missing link is
    a packaging bug (a published layout without its migration table)."""
    by_source = {s.source: s for s in (all_steps() if steps is None else steps)}
    out, at = [], source
    while at != target:
        step = by_source.get(at)
        if step is None:
            raise LayoutError(f"tidak ada tabel migrasi dari tata letak {at} menuju {target}")
        out.append(step)
        at = step.target
    return out
