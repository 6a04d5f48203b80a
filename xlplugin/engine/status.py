"""The text of a table row's status cell, the same whoever writes it.

Excel computes the status column live through the status UDFs; `xlplugin validate`
and the Validasi button write it as the cell's cached value. Both call
`row_statuses`, so a row reads the same either way:

- "PELANGGARAN: EXC-HONOR-PANITIA, RAB-HITUNG - <message of the worst finding>": the
  worst open level, every open rule ID (worst first), one short message;
- "OK" for a checked row without open findings ("OK (disetujui/dijelaskan: JPL-A1)"
  when its findings were approved or explained);
- "" for an empty row (the caller knows which rows hold data).

At most 255 characters: Excel turns a longer string in a UDF's array result into #VALUE!.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..domain.finding import SEVERITY_ORDER, Finding
from ..layout.model import Layout

OK = "OK"
EMPTY = ""
STATUS_MAX = 255
ELLIPSIS = "..."


def row_statuses(findings: Iterable[Finding], layout: Layout,
                 aliases: Mapping[str, str] | None = None) -> dict[tuple[str, int], str]:
    """(table key, worksheet row) -> status text, for every table row with a finding.

    `aliases` maps a sheet name as this workbook spells it to the layout's name (the
    reader resolves renamed sheets); rows without an entry are "OK" if they hold data.
    """
    keys = {table.sheet: key for key, table in layout.tables.items()}
    for actual, declared in (aliases or {}).items():
        if declared in keys:
            keys[actual] = keys[declared]
    by_row: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in findings:
        key = keys.get(f.sheet)
        if key is not None and f.row is not None:
            by_row[(key, f.row)].append(f)
    return {place: status_text(group) for place, group in by_row.items()}


def status_text(findings: Iterable[Finding]) -> str:
    """One row's status from its findings (see the module docstring)."""
    findings = list(findings)
    open_ = sorted((f for f in findings if f.is_open), key=lambda f: SEVERITY_ORDER[f.severity])
    if not open_:
        settled = sorted({f.rule for f in findings})
        return _fit(f"{OK} (disetujui/dijelaskan: {', '.join(settled)})") if settled else OK
    rules = ", ".join(dict.fromkeys(f.rule for f in open_))
    return _fit(f"{open_[0].level}: {rules} - {open_[0].message}")


def _fit(text: str) -> str:
    text = " ".join(text.split())  # a message's line breaks would make the cell tall
    if len(text) <= STATUS_MAX:
        return text
    return text[:STATUS_MAX - len(ELLIPSIS)].rstrip() + ELLIPSIS
