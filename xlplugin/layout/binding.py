"""Bind raw rows read through the layout to typed domain records.

Readers (file or live) hand over plain values keyed by field; this module coerces
them by the layout's column types. Rows with no input value at all are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..domain.coerce import coerce
from ..domain.records import RECORD_TYPES, TABLE_ATTR, Dokumen, Profil
from .model import Layout, Table

RawRow = tuple[int, Mapping[str, object]]  # (worksheet row, {field key: raw value})


def bind_profil(layout: Layout, values: Mapping[str, object]) -> Profil:
    types = {f.key: f.type for f in layout.profil.fields}
    return Profil(**{k: coerce(values.get(k), t) for k, t in types.items()})


def bind_table(table: Table, rows: Iterable[RawRow]) -> list:
    cls = RECORD_TYPES[table.record]
    columns = [(c.key, c.type, c.is_input) for c in table.columns]
    records = []
    for row, values in rows:
        if not any(_filled(values.get(k)) for k, _, is_input in columns if is_input):
            continue
        records.append(cls(row=row, **{k: coerce(values.get(k), t) for k, t, _ in columns}))
    return records


def bind_dokumen(layout: Layout, profil: Mapping[str, object],
                 tables: Mapping[str, Iterable[RawRow]]) -> Dokumen:
    doc = Dokumen(profil=bind_profil(layout, profil))
    for key, rows in tables.items():
        setattr(doc, TABLE_ATTR[key], bind_table(layout.tables[key], rows))
    return doc


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
