"""xlwings UDFs of the RAB/KAK template: live juknis status per row and RAB totals.

Every function receives the Profil value column and the whole data area of every input
table, in `xlplugin.layout.udf.ARG_TABLES` order, as the template's formulas pass them.
A status UDF answers for a whole table in one call (one legacy array formula per table),
and all of them share one engine run per distinct input: `_analyse` is memoised on the
input values themselves, so the seven status formulas of a recalculation cost one run.
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
from typing import NamedTuple

import xlwings as xw

from xlplugin.domain.finding import Finding
from xlplugin.domain.records import TABLE_ATTR
from xlplugin.layout import load_layout
from xlplugin.layout.binding import bind_dokumen
from xlplugin.layout.udf import ARG_TABLES, STATUS_UDF

log = logging.getLogger(__name__)

CATEGORY = "DAK Nonfisik"

# Argument names as Excel shows them in the function tooltip, one per ARG_TABLES entry.
TABLE_PARAMS = ("sentra", "kak", "rab", "ssh", "peserta", "narasumber", "pendamping",
                "jadwal", "realisasi")
_PARAM_DOC = {
    "profil": "Kolom isian sheet Profil",
    **{p: f"Seluruh area data tabel {t}" for p, t in zip(TABLE_PARAMS, ARG_TABLES)},
}


def _udf(f):
    """Register `f` as a non-volatile UDF whose arguments are the template's ranges."""
    f = xw.arg("profil", ndim=1, doc=_PARAM_DOC["profil"])(f)
    for name in TABLE_PARAMS:
        f = xw.arg(name, ndim=2, doc=_PARAM_DOC[name])(f)
    return xw.func(category=CATEGORY, call_in_wizard=False)(f)


# ---------------------------------------------------------------- status UDFs
@_udf
def DAK_STATUS_KAK(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                   realisasi):
    """Status juknis per baris tabel KAK: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("KAK", locals())


@_udf
def DAK_STATUS_RAB(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                   realisasi):
    """Status juknis per baris tabel RAB: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("RAB", locals())


@_udf
def DAK_STATUS_PESERTA(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                       realisasi):
    """Status juknis per baris tabel Peserta: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Peserta", locals())


@_udf
def DAK_STATUS_NARASUMBER(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                          jadwal, realisasi):
    """Status juknis per baris tabel Narasumber: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Narasumber", locals())


@_udf
def DAK_STATUS_PENDAMPING(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                          jadwal, realisasi):
    """Status juknis per baris tabel Pendamping: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Pendamping", locals())


@_udf
def DAK_STATUS_JADWAL(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
                      realisasi):
    """Status juknis per baris tabel Jadwal: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Jadwal", locals())


@_udf
def DAK_STATUS_REALISASI(profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping,
                         jadwal, realisasi):
    """Status juknis per baris tabel Realisasi: OK, kosong, atau kode aturan dan pesan."""
    return _status_column("Realisasi", locals())


# ---------------------------------------------------------------- totals UDF
@_udf
@xw.arg("kode", doc="Kode menu (A-D) atau rincian (mis. A.1)")
def DAK_TOTAL(kode, profil, sentra, kak, rab, ssh, peserta, narasumber, pendamping, jadwal,
              realisasi):
    """Total RAB (Rp) satu menu atau rincian menurut mesin Python; kosong bila kode tak dikenal."""
    try:
        analysis = _analyse(locals())
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


def _status_column(key: str, args: dict) -> list[list[str]]:
    rows = len(args[TABLE_PARAMS[ARG_TABLES.index(key)]] or ())
    try:
        analysis = _analyse(args)
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
        current = [args["profil"] or []] + [args[p] or [] for p in TABLE_PARAMS]
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
    raw = {k: _raw_rows(layout.tables[k], rows) for k, rows in zip(ARG_TABLES, tables)}
    doc = bind_dokumen(layout, _profil_values(layout, profil), raw)
    pack = _pack_for(doc.profil.tahun_anggaran)
    findings = validate(doc, pack, layout)
    return Analysis(_statuses(layout, doc, findings, tables), _totals(doc, pack))


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
