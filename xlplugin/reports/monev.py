"""III.a, Pemantauan dan Evaluasi (Lampiran V angka 2): per activity, the plan against
what was carried out in time, place and output, as known at the end of the period.

Bounded like capaian (engine.totals, `sampai` = the period's last day): a realisation
that begins after the period is not shown (the activity is "belum dilaksanakan"), one
that ends after it is "berlangsung", and the output is the activity's capaian, which
for trainings counts only those who completed by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.calendar import tanggal
from ..domain.money import format_number
from ..domain.records import Dokumen, Kegiatan
from ..engine.totals import Totals
from .periode import Periode

BELUM = "Belum dilaksanakan"
BERLANGSUNG = "berlangsung"


@dataclass(frozen=True)
class MonevRow:
    kode: str
    nama: str
    rencana_waktu: str
    realisasi_waktu: str
    rencana_lokasi: str
    realisasi_lokasi: str
    target: str
    realisasi: str


def monev_rows(doc: Dokumen, per: Periode, totals: Totals) -> list[MonevRow]:
    rows, seen = [], set()
    for k in doc.kegiatan:
        if isinstance(k.kode_kegiatan, str) and k.kode_kegiatan not in seen:
            seen.add(k.kode_kegiatan)
            rows.append(_row(k, per, totals))
    return rows


def _row(k: Kegiatan, per: Periode, totals: Totals) -> MonevRow:
    cap = totals.capaian_kegiatan.get(k.kode_kegiatan)
    satuan = cap.satuan if cap else _text(k.satuan_keluaran)
    target = _jumlah(k.target_keluaran, satuan)
    started = isinstance(k.realisasi_mulai, date) and k.realisasi_mulai <= per.selesai
    if not started:
        return MonevRow(k.kode_kegiatan, _text(k.nama_kegiatan), _rentang(k.tanggal_mulai,
                        k.tanggal_selesai), BELUM, _text(k.lokasi) or "-", "-", target, "-")
    end = k.realisasi_selesai
    selesai = tanggal(end) if isinstance(end, date) and end <= per.selesai else BERLANGSUNG
    return MonevRow(
        k.kode_kegiatan, _text(k.nama_kegiatan),
        _rentang(k.tanggal_mulai, k.tanggal_selesai),
        f"{tanggal(k.realisasi_mulai)} s.d. {selesai}",
        _text(k.lokasi) or "-", _text(k.realisasi_lokasi) or "-", target,
        _jumlah(cap.keluaran if cap else k.realisasi_keluaran, satuan))


def _rentang(mulai: object, selesai: object) -> str:
    if not isinstance(mulai, date):
        return "-"
    end = tanggal(selesai) if isinstance(selesai, date) else "-"
    return f"{tanggal(mulai)} s.d. {end}"


def _jumlah(value: object, satuan: str) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return "-"
    return f"{format_number(value)} {satuan}".strip()


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
