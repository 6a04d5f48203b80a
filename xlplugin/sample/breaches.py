"""The sample's deliberate breaches: what the engine must find, and where.

Besides these the engine must find nothing blocking in the sample: no other
PELANGGARAN and no other open PERLU_PERSETUJUAN / PERLU_PENJELASAN.
Cells come from the layout and the records' rows, never written by hand.
"""

from __future__ import annotations

from typing import NamedTuple

from ..domain.calendar import age_on
from ..domain.records import Dokumen
from ..engine.context import RECORD_TABLE
from ..layout import load_layout
from .budget import PANITIA
from .build import sample_dokumen


class Expected(NamedTuple):
    rule: str
    sheet: str
    cell: str | None
    level: str  # what the Temuan sheet shows: the severity, or DISETUJUI once approved


def _at(rule: str, record: object, field: str, level: str) -> Expected:
    table = load_layout().tables[RECORD_TABLE[type(record).__name__]]
    return Expected(rule, table.sheet, table.cell(field, record.row), level)


def _one(records: list, pred) -> object:
    (found,) = [r for r in records if pred(r)]
    return found


def _over_50(p, kak: dict) -> bool:
    k = kak[p.kode_kegiatan]
    return k.rincian in ("A.1", "A.2", "D.2") and age_on(p.tanggal_lahir, k.tanggal_mulai) > 50


def expected_breaches(doc: Dokumen) -> list[Expected]:
    kak = {k.kode_kegiatan: k for k in doc.kegiatan}
    return [
        _at(
            "EXC-HONOR-PANITIA",
            _one(doc.rab, lambda r: r.kategori == PANITIA),
            "kategori",
            "PELANGGARAN",
        ),
        _at(
            "RAB-HITUNG",
            _one(doc.rab, lambda r: r.volume < 0),
            "volume",
            "PELANGGARAN",
        ),
        _at(
            "PESERTA-USIA",
            _one(doc.peserta, lambda p: _over_50(p, kak)),
            "tanggal_lahir",
            "PELANGGARAN",
        ),
        _at("JPL-A2", kak["K03"], "jpl", "DISETUJUI"),
        _at("BULAN-D1", kak["K10"], "tanggal_selesai", "PERLU_PERSETUJUAN"),
        _at("LUAR-DAERAH", kak["K08"], "alasan_luar_daerah", "PERINGATAN"),
        _at(
            "NARSUM-SEHAT",
            _one(doc.narasumber, lambda n: n.sehat is not True),
            "sehat",
            "PERINGATAN",
        ),
    ]


EXPECTED_BREACHES: list[Expected] = expected_breaches(sample_dokumen())
