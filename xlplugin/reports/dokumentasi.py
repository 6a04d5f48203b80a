"""III.c Dokumentasi: the photos of the Dokumentasi sheet that belong to a report.

A row's pictures are those pasted on it (`gambar`) and the file its Berkas Foto names,
relative to the workbook's folder. Every picture is checked here, with python-docx's
own image reader, so the writer only places what Word can show; a picture that cannot
be read becomes a note naming the sheet and cell (and a reason the report is DRAF),
never a failed export.

A semester report shows the photos of its own period (dated in it, or, undated, of an
activity carried out in it): chapter III is the result of that period, and the next
report should not repeat the last one's pictures. The final report covers the year,
so it shows them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.image.image import Image

from ..domain.calendar import tanggal as tanggal_id
from ..domain.records import Dokumen, Dokumentasi, Kegiatan
from ..layout import load_layout
from ..rulepack.model import RulePack
from .periode import Periode

SHEET = "Dokumentasi"


@dataclass(frozen=True)
class Foto:
    """One picture for III.c, or, when `gambar` is None, the note why it is missing."""

    row: int
    kode: str
    nama_kegiatan: str
    keterangan: str
    tanggal: date | None
    gambar: bytes | None
    catatan: str = ""  # "Dokumentasi C7: berkas foto/K01.png tidak ditemukan"

    def judul(self, nomor: int) -> str:
        """'Gambar 1. Pembukaan pelatihan (K01 Pelatihan Batik, 8 Mei 2023)'."""
        what = " ".join(x for x in (self.kode, self.nama_kegiatan) if x)
        when = tanggal_id(self.tanggal) if self.tanggal else ""
        about = ", ".join(x for x in (what, when) if x)
        text = self.keterangan or "Dokumentasi kegiatan"
        return f"Gambar {nomor}. {text}" + (f" ({about})" if about else "")


def foto_laporan(doc: Dokumen, per: Periode, pack: RulePack,
                 base_dir: Path | None = None) -> list[Foto]:
    """The report's pictures, per activity in KAK order, then in row order."""
    base = Path(base_dir) if base_dir else Path.cwd()
    kegiatan = _kegiatan(doc)
    order = list(kegiatan)
    rows = [d for d in doc.dokumentasi if _in_period(d, kegiatan, per) and _has_picture(d)]
    rows.sort(key=lambda d: (_rank(d, order), d.row))
    return [foto for d in rows for foto in _pictures(d, kegiatan, base, pack)]


def dilaksanakan(doc: Dokumen, per: Periode) -> list[str]:
    """Codes of the activities carried out (begun) within the period."""
    return [k for k, keg in _kegiatan(doc).items()
            if isinstance(keg.realisasi_mulai, date)
            and per.overlaps(keg.realisasi_mulai, keg.realisasi_selesai)]


def _kegiatan(doc: Dokumen) -> dict[str, Kegiatan]:
    out: dict[str, Kegiatan] = {}
    for k in doc.kegiatan:
        if isinstance(k.kode_kegiatan, str):
            out.setdefault(k.kode_kegiatan, k)
    return out


def _has_picture(d: Dokumentasi) -> bool:
    return bool(d.gambar) or bool(_text(d.berkas_foto))


def _in_period(d: Dokumentasi, kegiatan: dict[str, Kegiatan], per: Periode) -> bool:
    if per.is_akhir:
        return True
    if isinstance(d.tanggal, date):
        return per.contains(d.tanggal)
    k = kegiatan.get(_text(d.kode_kegiatan))
    if k is None:
        return True  # nothing tells its period: shown rather than hidden
    if isinstance(k.realisasi_mulai, date):
        return per.overlaps(k.realisasi_mulai, k.realisasi_selesai)
    return per.overlaps(k.tanggal_mulai, k.tanggal_selesai)


def _rank(d: Dokumentasi, order: list[str]) -> int:
    kode = _text(d.kode_kegiatan)
    return order.index(kode) if kode in order else len(order)


def _pictures(d: Dokumentasi, kegiatan: dict[str, Kegiatan], base: Path,
              pack: RulePack) -> list[Foto]:
    kode = _text(d.kode_kegiatan)
    k = kegiatan.get(kode)
    nama = _text(k.nama_kegiatan) if k else ""
    when = d.tanggal if isinstance(d.tanggal, date) else None
    made = []
    for blob in d.gambar:
        note = "" if _readable(blob) else _pesan(pack, "gambar_format", tempat=_baris(d.row))
        made.append((blob if not note else None, note))
    if _text(d.berkas_foto):
        made.append(_from_file(d, base, pack))
    return [Foto(d.row, kode, nama, _text(d.keterangan), when, blob, note)
            for blob, note in made]


def _from_file(d: Dokumentasi, base: Path, pack: RulePack) -> tuple[bytes | None, str]:
    berkas = _text(d.berkas_foto)
    tempat = _cell(d.row)
    path = base / berkas.replace("\\", "/")  # typed on Windows, read anywhere
    if not path.is_file():
        return None, _pesan(pack, "foto_tidak_ada", tempat=tempat, berkas=berkas)
    try:
        blob = path.read_bytes()
    except OSError as exc:
        return None, _pesan(pack, "foto_tidak_terbaca", tempat=tempat, berkas=berkas,
                            alasan=exc.strerror or type(exc).__name__)
    if not _readable(blob):
        return None, _pesan(pack, "foto_format", tempat=tempat, berkas=berkas)
    return blob, ""


def _readable(blob: bytes) -> bool:
    """Whether Word can show it: python-docx reads JPEG, PNG, GIF, BMP and TIFF headers."""
    try:
        image = Image.from_blob(blob)
        return image.px_width > 0 and image.px_height > 0
    except Exception:  # noqa: BLE001 - any unreadable picture is the same note to the user
        return False


def _cell(row: int) -> str:
    """'Dokumentasi C7': the Berkas Foto cell, where the layout has the sheet."""
    table = load_layout().tables.get("Dokumentasi")
    if table is None or "berkas_foto" not in {c.key for c in table.columns}:
        return _baris(row)  # a layout without the sheet (or the column)
    return f"{table.sheet} {table.cell('berkas_foto', row)}"


def _baris(row: int) -> str:
    table = load_layout().tables.get("Dokumentasi")
    return f"{table.sheet if table else SHEET} baris {row}"


def _pesan(pack: RulePack, key: str, **values: str) -> str:
    return pack.laporan.pesan[key].format(**values)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
