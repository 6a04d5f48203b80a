"""Bind raw rows read through the layout to typed domain records.

Readers (file or live) hand over plain values per row, either keyed by field or as a
sequence in the table's column order; this module coerces them by the layout's column
types. Rows with no input value at all are skipped.

Binding runs over every filled row of every table on each check, so the loop is kept
lean: the column types are looked up once per table, empty cells (None, most of a row)
are not coerced at all, and records are built positionally.

A list column's value is then spelled as its list spells it (`canonical_codes`): "a.1"
is rincian "A.1", "k01" the activity "K01" of the KAK (RULES.md, interpretations).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from functools import lru_cache
from operator import attrgetter

from ..domain.coerce import coerce
from ..domain.kode import Canon
from ..domain.records import NOT_COLUMNS, RECORD_TYPES, TABLE_ATTR, Dokumen, Profil
from .model import Layout, Table

# (worksheet row, {field key: raw value}) or (worksheet row, values in column order)
RawRow = tuple[int, Mapping[str, object] | Sequence[object]]


def bind_profil(layout: Layout, values: Mapping[str, object]) -> Profil:
    types = {f.key: f.type for f in layout.profil.fields}
    return Profil(**{k: coerce(values.get(k), t) for k, t in types.items()})


def bind_table(table: Table, rows: Iterable[RawRow]) -> list:
    cls = RECORD_TYPES[table.record]
    keys = [c.key for c in table.columns]
    inputs = [i for i, c in enumerate(table.columns) if c.is_input]
    width = len(keys)
    numbers, kept = [], []
    for row, values in rows:
        if hasattr(values, "keys"):
            values = [values.get(k) for k in keys]
        elif len(values) != width:
            values = (list(values) + [None] * width)[:width]
        if _any_filled(values, inputs):
            numbers.append(row)
            kept.append(values)
    if not kept:
        return []
    # column by column: one converter per column, records built by one map
    typed = [_convert(column, c.type) for column, c in zip(zip(*kept), table.columns)]
    if _positional(cls, keys):
        return list(map(cls, numbers, *typed))
    return [cls(row=n, **dict(zip(keys, values))) for n, *values in zip(numbers, *typed)]


def bind_dokumen(layout: Layout, profil: Mapping[str, object],
                 tables: Mapping[str, Iterable[RawRow]],
                 pack_lists: Mapping[str, list[str]] | None = None) -> Dokumen:
    """`pack_lists`: the rule pack's lists (`RulePack.lists()`), the default pack's when
    not given, for the `pack:` list columns (menu, rincian, kategori belanja)."""
    doc = Dokumen(profil=bind_profil(layout, profil))
    for key, rows in tables.items():
        setattr(doc, TABLE_ATTR[key], bind_table(layout.tables[key], rows))
    if pack_lists is None:
        from ..rulepack import load_pack

        pack_lists = load_pack().lists()
    return canonical_codes(doc, layout, pack_lists)


def canonical_codes(doc: Dokumen, layout: Layout,
                    pack_lists: Mapping[str, list[str]]) -> Dokumen:
    """Every list column's value spelled as its list item, in place; returns `doc`.

    Lists are the layout's (static), the pack's (`pack:`) or another table's column
    (`table:`, e.g. the KAK's activity codes). A value in no list is left as typed: the
    rule that needs it reports it. Idempotent, and cheap on values already canonical,
    so the engine runs it again on Dokumen built by code.
    """
    for key, table in layout.tables.items():
        records = getattr(doc, TABLE_ATTR[key])
        if records:
            canonical_table(records, list_canons(table, layout, pack_lists, doc))
    return doc


def list_canons(table: Table, layout: Layout, pack_lists: Mapping[str, list[str]],
                doc: Dokumen) -> list[tuple[str, Canon]]:
    """(column key, its list) for every list column of `table`, as `doc` fills the lists."""
    out = []
    for column in table.columns:
        if column.type != "enum" or column.list is None:
            continue
        canon = _canon(layout, column.list, pack_lists, doc)
        if canon is not None:
            out.append((column.key, canon))
    return out


def canonical_table(records: list, canons: list[tuple[str, Canon]]) -> list:
    """`canonical_codes` for one table's records, with its lists given."""
    for name, canon in canons:
        items = canon.items
        for record, value in zip(records, map(attrgetter(name), records)):
            if type(value) is str and value not in items:
                setattr(record, name, canon(value))
    return records


def _canon(layout: Layout, name: str, pack_lists: Mapping[str, list[str]],
           doc: Dokumen) -> Canon | None:
    spec = layout.lists.get(name)
    if isinstance(spec, list):
        return Canon(spec)
    if not isinstance(spec, str):
        return None
    source, _, ref = spec.partition(":")
    if source == "pack":
        return _canon_of(tuple(pack_lists.get(ref, ())))
    if source == "table":
        table_key, _, field = ref.partition(".")
        attr = TABLE_ATTR.get(table_key)
        return _canon_of(tuple(getattr(r, field) for r in getattr(doc, attr))) if attr else None
    return None


@lru_cache(maxsize=64)
def _canon_of(items: tuple) -> Canon:
    """One Canon per distinct list: the same lists come back on every check (the pack's,
    a KAK's codes), and a list of 2,000 RAB line codes costs 2,000 code_key calls."""
    return Canon(items)


TEXT_KINDS = frozenset({"text", "code", "enum"})


def _text(value: object, kind: str) -> object:
    """`coerce(value, kind)` for a text kind, with its common case inline: a plain text
    is kept stripped (an empty one is None, an Excel error text goes through coerce)."""
    if type(value) is str:
        text = value.strip()
        if text and text[0] != "#":
            return text
    return coerce(value, kind)


def _convert(column: Sequence[object], kind: str) -> list:
    convert = _text if kind in TEXT_KINDS else coerce
    return [None if v is None else convert(v, kind) for v in column]


def _any_filled(values: Sequence[object], inputs: list[int]) -> bool:
    for i in inputs:
        v = values[i]
        if v is not None and not (isinstance(v, str) and not v.strip()):
            return True
    return False


_POSITIONAL: dict[tuple, bool] = {}


def _positional(cls: type, keys: list[str]) -> bool:
    """Whether the record's fields are `row` then the columns in layout order (fields
    that are no column, e.g. Dokumentasi.gambar, come last and keep their default)."""
    key = (cls, *keys)
    known = _POSITIONAL.get(key)
    if known is None:
        names = [f.name for f in fields(cls) if f.name == "row" or f.name not in NOT_COLUMNS]
        known = _POSITIONAL[key] = names[:len(keys) + 1] == ["row", *keys]
    return known
