"""The rule catalogue (RULES.md): which rule IDs the product must implement."""

from __future__ import annotations

import os
import re
from pathlib import Path

ID_PATTERN = re.compile(r"^\|\s*([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*)\s*\|", re.MULTILINE)


def find_catalogue() -> Path | None:
    """RULES.md: $XLPLUGIN_RULES_MD, else ../shared/juknis/RULES.md beside the checkout."""
    candidates = []
    if env := os.environ.get("XLPLUGIN_RULES_MD"):
        candidates.append(Path(env))
    repo = Path(__file__).resolve().parents[2]
    for base in (repo, Path.cwd()):
        candidates.append(base.parent / "shared" / "juknis" / "RULES.md")
    return next((p for p in candidates if p.is_file()), None)


def catalogue_ids(path: Path) -> list[str]:
    """Rule IDs in the catalogue's tables, in order of appearance."""
    seen: dict[str, None] = {}
    for rid in ID_PATTERN.findall(path.read_text(encoding="utf-8")):
        if rid not in {"ID"}:
            seen[rid] = None
    return list(seen)
