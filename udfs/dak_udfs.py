"""xlwings UDFs of the RAB/KAK template: live juknis status per row and RAB totals.

`DAK_PERIKSA` is the template's one call (`xlplugin.layout.udf`): the Rekap code
column, the Profil value column and every input table trimmed to its filled rows, in
`ARG_TABLES` order; it returns every status table's statuses side by side and, in the
last column, the RAB total of each Rekap code.

The seven `DAK_STATUS_*` functions and `DAK_TOTAL` serve workbooks built with the 0.1.0
contract (every capacity range in every formula); their VBA wrappers call this module
of the installed package, so they stay. All share one engine run per distinct input:
`_analyse` is memoised on the input values themselves.
The memo compares the passed lists with a private copy of the last inputs (C-level list
equality, stopping at the first difference) instead of converting every call's ranges
to tuples and hashing them: a warm call costs one comparison of the values.

Conversions are declared on the functions (ndim=1 for the Profil column, ndim=2 for the
tables), so the bodies receive what xlwings hands over from Excel: lists of rows with None
for empty cells, floats for numbers and datetimes for dates. The module imports on Linux
without Excel: there the xlwings decorators are no-ops and the functions are plain Python.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

import xlwings as xw

from xlplugin.domain.finding import Finding
from xlplugin.domain.records import TABLE_ATTR, Dokumen
from xlplugin.layout import load_layout
from xlplugin.layout.binding import bind_profil, bind_table, list_canons
from xlplugin.layout.udf import ARG_TABLES, LEGACY_TABLES, STATUS_UDF, status_tables

log = logging.getLogger(__name__)

CATEGORY = "DAK Nonfisik"

# Argument names as Excel shows them in the function tooltip, one per ARG_TABLES entry.
TABLE_PARAMS = ("sentra", "kak", "rab", "ssh", "peserta", "narasumber", "pendamping",
                "jadwal", "realisasi", "persetujuan")
LEGACY_PARAMS = TABLE_PARAMS[:len(LEGACY_TABLES)]
_PARAM_DOC = {
    "profil": "Kolom isian sheet Profil",
    **{p: f"Baris terisi tabel {t}" for p, t in zip(TABLE_PARAMS, ARG_TABLES)},
}


def _udf(f, params=TABLE_PARAMS):
    """Register `f` as a non-volatile UDF whose arguments are the template's ranges."""
    f = xw.arg("profil", ndim=1, doc=_PARAM_DOC["profil"])(f)
    for name in params:
        f = xw.arg(name, ndim=2, doc=_PARAM_DOC[name])(f)
    return xw.func(category=CATEGORY, call_in_wizard=False)(f)


def _legacy_udf(f):
    """A 0.1.0 function: every capacity range of the nine tables of that template."""
    return _udf(f, LEGACY_PARAMS)


# ---------------------------------------------------------------- the template's one call
@_udf
@xw.arg("kode", ndim=1, doc="Kolom kode sheet Rekap (menu dan rincian)")
def DAK_PERIKSA(kode, profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                jadwal, realisasi, persetujuan):
    """Status juknis setiap baris semua tabel dan total RAB per kode Rekap, sekali hitung."""
    # One column: each status table's statuses (one per row passed, so the template's
    # start cells find them), one table after the other, then the totals in `kode` order.
    # The docstring is Excel's one-line function help (MacroOptions), hence this comment.
    try:
        analysis = _analyse(locals())
    except Exception:  # a cell shows a message, never a traceback
        log.exception("DAK_PERIKSA gagal")
        analysis = "GALAT: pemeriksaan gagal di Python; lihat log xlwings"
    args = locals()
    keys = status_tables(load_layout())
    if isinstance(analysis, str):
        columns = [[analysis] * max(len(args[_param(k)] or ()), 1) for k in keys]
        totals = [""] * len(kode or ())
    else:
        columns = [list(analysis.status[k]) for k in keys]
        totals = [analysis.totals.get(c.strip().upper(), "") if isinstance(c, str) else ""
                  for c in kode or ()]
    return [[value] for column in (*columns, totals) for value in column]


def _param(table_key: str) -> str:
    return TABLE_PARAMS[ARG_TABLES.index(table_key)]


# ---------------------------------------------------------------- status UDFs (0.1.0)
@_legacy_udf
def DAK_STATUS_KAK(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                   realisasi):
    """Status juknis per baris tabel KAK: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("KAK", locals())


@_legacy_udf
def DAK_STATUS_RAB(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                   realisasi):
    """Status juknis per baris tabel RAB: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("RAB", locals())


@_legacy_udf
def DAK_STATUS_PESERTA(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                       realisasi):
    """Status juknis per baris tabel Peserta: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Peserta", locals())


@_legacy_udf
def DAK_STATUS_NARASUMBER(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                          jadwal, realisasi):
    """Status juknis per baris tabel Narasumber: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Narasumber", locals())


@_legacy_udf
def DAK_STATUS_PENDAMPING(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                          jadwal, realisasi):
    """Status juknis per baris tabel Pendamping: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Pendamping", locals())


@_legacy_udf
def DAK_STATUS_JADWAL(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                      realisasi):
    """Status juknis per baris tabel Jadwal: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Jadwal", locals())


@_legacy_udf
def DAK_STATUS_REALISASI(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                         jadwal, realisasi):
    """Status juknis per baris tabel Realisasi: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Realisasi", locals())


# ---------------------------------------------------------------- totals UDF (0.1.0)
@_legacy_udf
@xw.arg("kode", doc="Kode menu (A-D) atau rincian (mis. A.1)")
def DAK_TOTAL(kode, profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
              realisasi):
    """Total RAB (Rp) satu menu atau rincian menurut mesin Python; kosong bila kode tak dikenal."""
    try:
        analysis = _analyse(_as_current(locals()))
    except Exception:  # a cell shows a message, never a traceback
        log.exception("DAK_TOTAL gagal")
        return ""
    if isinstance(analysis, str):
        return ""
    code = kode.strip().upper() if isinstance(kode, str) else ""
    return analysis.totals.get(code, "")


# ---------------------------------------------------------------- the shared engine run
@dataclass(frozen=True)
class Analysis:
    status: dict[str, tuple[str, ...]]  # table key -> one status per data row
    totals: dict[str, int]  # menu or rincian code -> RAB rupiah


def _as_current(args: dict) -> dict:
    """A 0.1.0 call's ranges in today's shape: columns and Profil fields the layout has
    added since (always at the end) read as empty."""
    layout = load_layout()
    out = dict(args)
    fields = len(layout.profil.fields)
    profil = list(args["profil"] or ())
    if len(profil) < fields:
        out["profil"] = profil + [None] * (fields - len(profil))
    for param, key in zip(LEGACY_PARAMS, LEGACY_TABLES):
        width, rows = len(layout.tables[key].columns), args[param] or []
        if rows and len(rows[0]) < width:
            out[param] = [list(r) + [None] * (width - len(r)) for r in rows]
    return out


def _status_column(key: str, args: dict) -> list[list[str]]:
    rows = len(args[TABLE_PARAMS[ARG_TABLES.index(key)]] or ())
    try:
        analysis = _analyse(_as_current(args))
    except Exception:  # a cell shows a message, never a traceback
        log.exception("pemeriksaan %s gagal", key)
        analysis = "GALAT: pemeriksaan gagal di Python; lihat log xlwings"
    if isinstance(analysis, str):
        return [[analysis]] * max(rows, 1)
    return [[s] for s in analysis.status[key]]


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


class _Memo:
    """The last engine runs by input values (the interface of `functools.lru_cache`).

    xlwings hands every call new lists, so identity says nothing; equality of the values
    does. A copy of each run's inputs is kept (a caller may edit its lists in place)."""

    def __init__(self, run, maxsize: int = 2):
        self._run, self.maxsize = run, maxsize
        self._entries: list[tuple[list, object]] = []  # most recent first
        self.hits = self.misses = 0

    def __call__(self, args: dict):
        current = [args["profil"] or []] + [args.get(p) or [] for p in TABLE_PARAMS]
        for i, (inputs, result) in enumerate(self._entries):
            if inputs == current:
                self.hits += 1
                self._entries.insert(0, self._entries.pop(i))
                return result
        self.misses += 1
        inputs = [list(current[0])] + [[list(row) for row in table] for table in current[1:]]
        result = self._run(inputs[0], inputs[1:])
        self._entries = [(inputs, result), *self._entries][:self.maxsize]
        return result

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self.hits, self.misses, self.maxsize, len(self._entries))

    def cache_clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = 0


def _engine_run(profil: list, tables: list) -> Analysis | str:
    """One engine run over the passed values; a str is a message for every status cell."""
    from xlplugin.engine import validate  # heavy: loads the checks

    layout = load_layout()
    problem = _shape_problem(layout, profil, tables)
    if problem:
        return problem
    doc = Dokumen(profil=bind_profil(layout, _profil_values(layout, profil)))
    bound = {key: _records.bound(layout.tables[key], rows) for key, rows in zip(ARG_TABLES, tables)}
    for key, records in bound.items():
        setattr(doc, TABLE_ATTR[key], records)
    pack = _pack_for(doc.profil.tahun_anggaran)
    lists = pack.lists()
    canons = {key: list_canons(layout.tables[key], layout, lists, doc) for key in bound}
    for key, records in bound.items():
        setattr(doc, TABLE_ATTR[key], _records.canonical(key, records, canons[key]))
    findings = validate(doc, pack, layout)
    return Analysis(_statuses(layout, doc, findings, tables), _totals(doc, pack))


class _TableRecords:
    """Each table's records by its passed rows, so that one edit converts one table.

    `bound`: the records as bound, by the rows (the memo's private copy of them).
    `canonical`: the same list with the records whose list values canonical_codes would
    change replaced by changed copies, kept while the table's records and its lists stay
    the same. The engine changes no record (its own canonical_codes finds nothing left
    to change), so neither list is ever changed in place and both serve the next run."""

    def __init__(self):
        self._bound: dict[str, tuple[list, list]] = {}
        self._canonical: dict[str, tuple[list, tuple, list]] = {}

    def bound(self, table, rows: list) -> list:
        hit = self._bound.get(table.key)
        if hit is None or hit[0] != rows:
            hit = self._bound[table.key] = (rows, bind_table(table, _raw_rows(table, rows)))
        return hit[1]

    def canonical(self, key: str, records: list, canons: list) -> list:
        lists = tuple((name, canon.items) for name, canon in canons)
        hit = self._canonical.get(key)
        if hit is None or hit[0] is not records or hit[1] != lists:
            hit = self._canonical[key] = (records, lists, _spelled(records, canons))
        return hit[2]

    def cache_clear(self) -> None:
        self._bound.clear()
        self._canonical.clear()


def _spelled(records: list, canons: list) -> list:
    """`records` with list values spelled as their lists spell them: the records that
    change are copies (the bound ones stay as bound), the others are the same objects;
    most values are canonical already, so this is a scan and a few copies."""
    out = records
    for name, canon in canons:
        items = canon.items
        for i, value in enumerate(map(attrgetter(name), out)):
            if type(value) is not str or value in items:
                continue
            spelled = canon(value)
            if spelled == value:
                continue
            if out is records:
                out = list(records)
            if out[i] is records[i]:
                out[i] = _copy(records[i])
            object.__setattr__(out[i], name, spelled)
    return out


def _copy(record):
    """A shallow copy of a slotted record (copy.copy goes through __reduce_ex__)."""
    cls = type(record)
    new = object.__new__(cls)
    for name in cls.__slots__:
        object.__setattr__(new, name, getattr(record, name))
    return new


_records = _TableRecords()
_analyse = _Memo(_engine_run)


def _shape_problem(layout, profil: list, tables: list) -> str | None:
    """A range that no longer matches the layout (a column inserted or deleted)."""
    if len(profil) != len(layout.profil.fields):
        return (f"GALAT: rentang Profil berisi {len(profil)} baris, seharusnya "
                f"{len(layout.profil.fields)}; periksa rumus Status")
    for key, rows in zip(ARG_TABLES, tables):
        table = layout.tables[key]
        if rows and len(rows[0]) != len(table.columns):
            return (f"GALAT: tabel di sheet {table.sheet} berisi {len(rows[0])} kolom, "
                    f"seharusnya {len(table.columns)}; jangan menyisipkan atau menghapus kolom")
    return None


def _profil_values(layout, profil: list) -> dict:
    return {f.key: value for f, value in zip(layout.profil.fields, profil)}


def _raw_rows(table, rows: list) -> list:
    """(worksheet row, values in column order); `bind_table` skips rows without input."""
    return [(table.first_row + i, row) for i, row in enumerate(rows)]


def _pack_for(tahun: object):
    from xlplugin.rulepack import load_pack
    from xlplugin.rulepack.loader import available_years

    return load_pack(tahun) if tahun in available_years() else load_pack()


def _statuses(layout, doc, findings: list[Finding], tables: list) -> dict:
    """Per table, one text per data-area row: the same text the findings writer caches."""
    from xlplugin.engine.status import EMPTY, OK, row_statuses

    texts = row_statuses(findings, layout)
    result = {}
    for key in STATUS_UDF:
        table = layout.tables[key]
        filled = {r.row for r in getattr(doc, TABLE_ATTR[key])}
        count = len(tables[ARG_TABLES.index(key)])
        result[key] = tuple(
            texts.get((key, row), OK) if row in filled else EMPTY
            for row in range(table.first_row, table.first_row + count))
    return result


def _totals(doc, pack) -> dict[str, int]:
    from xlplugin.engine.totals import compute_totals

    totals = compute_totals(doc, pack)
    return {code: j.rab for code, j in {**totals.menu, **totals.rincian}.items()}
