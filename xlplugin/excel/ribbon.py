"""Ribbon entry points: what the "DAK Nonfisik" tab's buttons run through RunPython.

Each callback in workbook_templates/vba/xlp_Ribbon.bas runs
`import xlplugin.excel.ribbon as r; r.<name>(...)`. Each function is one step over the
engine's own adapters; `_tombol` hands it the calling workbook and turns a failure into
an Indonesian message box (details in a log file) instead of xlwings' traceback popup.
Heavy imports stay inside the functions so a click loads only what it needs.
"""

from __future__ import annotations

import functools
import logging
import platform
import tempfile
from pathlib import Path

import xlwings as xw

JUDUL = "DAK Nonfisik"
LOG_FILE = Path(tempfile.gettempdir()) / "xlplugin-pita.log"
LAPORAN = {"semester1": "Semester I", "semester2": "Semester II", "akhir": "Akhir"}

log = logging.getLogger(__name__)


class PesanPengguna(Exception):
    """A failure whose message is written for the user (Indonesian)."""


def _tombol(aksi: str):
    """Run `fn(book, *args)` for the calling workbook; show its message or the failure."""
    def wrap(fn):
        @functools.wraps(fn)
        def run(*args):
            book = xw.Book.caller()
            try:
                pesan = fn(book, *args)
            except Exception as exc:  # noqa: BLE001 - the user sees a message, not a traceback
                _log_failure(aksi)
                tampilkan(book, f"{aksi} gagal: {_sebab(exc)}", "critical")
                return
            if pesan:
                tampilkan(book, pesan, "info")
        return run
    return wrap


def tampilkan(book, pesan: str, mode: str) -> None:
    """A message box; on the status bar when Excel is driven by automation (no one to click)."""
    if book.app.interactive:
        book.app.alert(pesan, title=JUDUL, mode=mode)
    else:
        book.app.status_bar = f"{JUDUL}: {pesan}".replace("\n", " ")


@_tombol("Validasi")
def validasi(book) -> str:
    from xlplugin.adapters.live import LiveAdapter
    from xlplugin.validation import validate_workbook, write_findings

    adapter = LiveAdapter(book)
    findings = validate_workbook(adapter)
    write_findings(adapter, findings)
    return ringkasan(findings)


@_tombol("Bersihkan sorotan")
def bersihkan_sorotan(book) -> str:
    from xlplugin.adapters.live import LiveAdapter
    from xlplugin.validation import clear_highlights

    clear_highlights(LiveAdapter(book))
    return "Sorotan temuan telah dibersihkan."


@_tombol("Ekspor laporan")
def ekspor_laporan(book, jenis: str) -> str:
    """Fill this workbook's Lampiran 1-5 sheets, then write the report files beside it."""
    from xlplugin.adapters.live import LiveAdapter
    from xlplugin.reports.export import export_report
    from xlplugin.reports.fill import fill_lampiran

    if jenis not in LAPORAN:
        raise PesanPengguna(f"jenis laporan '{jenis}' tidak dikenal")
    from xlplugin.ooxml.errors import WorkbookReadError

    saved = saved_file(book)  # asked before filling the Lampiran sheets changes the book
    adapter = LiveAdapter(book)
    try:
        fill_lampiran(adapter, jenis)
        isi = (f"Sheet Lampiran 1-5 buku kerja ini diisi untuk Laporan {LAPORAN[jenis]} "
               "(NIK disamarkan).")
    except WorkbookReadError as exc:
        # a workbook of an older template: its Lampiran sheets have another frame, but
        # the report files are written from scratch and need none of them
        isi = f"Sheet Lampiran buku kerja ini tidak diisi: {exc}"
    # The saved file, when it is what the user sees, also hands over the pictures pasted
    # on Dokumentasi rows (drawings are not reachable through cell values).
    hasil = export_report(saved or adapter, jenis, folder_keluaran(book))
    pesan = f"{isi}\nLaporan {LAPORAN[jenis]} tersimpan:\n{hasil}"
    if saved is None and _pasted_pictures(book):
        pesan += ("\nGambar yang ditempel pada sheet Dokumentasi tidak ikut karena buku kerja "
                  "belum disimpan: simpan (Ctrl+S), lalu klik Ekspor Laporan lagi.")
    # a DRAF is not a failure, but the dinas must see why before sending the report
    # (five reasons at most: a message box shows only about 1024 characters)
    ringkas = getattr(hasil, "draf_ringkas", None)  # a plain list of files has no reasons
    draf = ringkas(5) if ringkas else ""
    return f"{pesan}\n\n{draf}" if draf else pesan


def saved_file(book) -> Path | None:
    """The book's file when it holds exactly what the user sees: Workbook.Saved is True
    when no changes were made since the last save
    (https://learn.microsoft.com/office/vba/api/excel.workbook.saved); None for a book
    with unsaved changes, never saved, or stored online (a URL, not a file)."""
    try:
        if not book.api.Saved:
            return None
        path = Path(book.fullname)
    except AttributeError:  # a caller without COM (a test stand-in)
        return None
    return path if path.is_file() else None


def _pasted_pictures(book) -> bool:
    """Whether the Dokumentasi sheet holds pictures (xlwings Sheet.pictures)."""
    names = [sheet.name for sheet in getattr(book, "sheets", [])]
    if "Dokumentasi" not in names:  # an older template, or a caller without sheets
        return False
    return len(book.sheets["Dokumentasi"].pictures) > 0


@_tombol("Cetak KAK")
def cetak_kak(book) -> str:
    from xlplugin.adapters.live import LiveAdapter
    from xlplugin.reports.kak import export_kak

    hasil = export_kak(LiveAdapter(book), folder_keluaran(book))
    return "Dokumen KAK tersimpan:\n" + "\n".join(str(path) for path in hasil)


@_tombol("Perbarui Templat")
def perbarui_templat(book) -> str:
    """Carry this workbook's saved file into the installed template, write the new file
    beside it and open it. The saved file is what is read: unsaved changes would be
    left behind, so the user is asked to save first."""
    from xlplugin.upgrade.run import AlreadyCurrent, UpgradeRefused, free_target, upgrade_file

    path = Path(book.fullname)
    if not path.is_file():
        raise PesanPengguna("buku kerja ini belum disimpan sebagai berkas. Simpan dulu "
                            "(File > Simpan), lalu klik Perbarui Templat lagi.")
    if not book.api.Saved:  # Workbook.Saved: False while changes are not saved
        raise PesanPengguna("ada perubahan yang belum disimpan. Simpan dulu buku kerja ini "
                            "(Ctrl+S), lalu klik Perbarui Templat lagi.")
    try:
        hasil = upgrade_file(path, free_target(path))
    except AlreadyCurrent as exc:
        return str(exc)
    except UpgradeRefused as exc:
        raise PesanPengguna(str(exc)) from exc
    book.app.books.open(str(hasil.target))
    return pesan_pembaruan(hasil)


def pesan_pembaruan(hasil) -> str:
    """What the message box says after an upgrade: what was carried, what was not."""
    from xlplugin.upgrade.run import carried_lines

    # MsgBox shows about 1024 characters ("The maximum length of prompt is approximately
    # 1024 characters", https://learn.microsoft.com/office/vba/language/reference/user-interface-help/msgbox-function):
    # a few leftovers, shortened; the full list is on the new workbook's sheet
    baris = carried_lines(hasil)[1:]  # its first line names the files, said below
    sisa = len(hasil.leftovers)
    if sisa:
        baris = baris[:len(baris) - sisa] + [b[:90] for b in baris[len(baris) - sisa:][:3]]
        if sisa > 3:
            baris.append(f"  ... dan {sisa - 3} lainnya (lihat sheet 'Catatan Pembaruan').")
    return ("\n".join(baris) + f"\n\nBuku kerja baru telah dibuka: {hasil.target.name}. Berkas "
            f"lama tidak diubah.\n{ringkasan(hasil.findings)}")


@_tombol("Bantuan")
def bantuan(book) -> str:
    return teks_bantuan(book.name)


def teks_bantuan(nama_buku: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    from xlplugin.layout import load_layout
    from xlplugin.rulepack.loader import available_years

    try:
        versi = version("xlplugin")
    except PackageNotFoundError:
        versi = "(tidak terpasang sebagai paket)"
    tahun = ", ".join(f"TA {t}" for t in available_years())
    return (f"Buku kerja: {nama_buku}\n"
            f"Tata letak templat: {load_layout().version}\n"
            f"xlplugin: {versi}\nPaket aturan tersedia: {tahun}\n"
            f"xlwings: {xw.__version__}\nPython: {platform.python_version()}\n\n"
            "Petunjuk pemakaian ada di sheet Petunjuk. Tombol Validasi menulis temuan ke "
            "sheet Temuan; kolom Status di tiap tabel diperbarui otomatis.")


def ringkasan(findings) -> str:
    """One line on what Validasi found, for the message box."""
    if not findings:
        return "Validasi selesai: tidak ada temuan."
    terbuka = sum(1 for f in findings if getattr(f, "is_blocking", False))
    return (f"Validasi selesai: {len(findings)} temuan, {terbuka} perlu ditindaklanjuti. "
            "Rinciannya ada di sheet Temuan.")


def folder_keluaran(book) -> Path:
    """Where exports go: beside the workbook, or Documents for an unsaved/cloud file."""
    folder = Path(book.fullname).parent
    if folder.is_dir() and str(folder) not in ("", "."):
        return folder
    return Path.home() / "Documents"


def _sebab(exc: Exception) -> str:
    """The exception's own message when it is meant for the user, else a pointer to the log."""
    from xlplugin.adapters.base import WorkbookWriteError
    from xlplugin.ooxml.errors import WorkbookReadError

    if isinstance(exc, (WorkbookReadError, WorkbookWriteError, PesanPengguna)) and str(exc):
        return str(exc)
    if isinstance(exc, PermissionError):
        return (f"berkas {exc.filename} sedang dibuka program lain atau tidak boleh ditulis; "
                "tutup berkas itu lalu coba lagi.")
    return (f"kesalahan tak terduga ({type(exc).__name__}). Rincian teknis tercatat di "
            f"{LOG_FILE}; kirimkan berkas itu kepada pengelola templat.")


def _log_failure(aksi: str) -> None:
    handler = logging.FileHandler(LOG_FILE, encoding="utf-8")
    log.addHandler(handler)
    try:
        log.exception("%s gagal", aksi)
    finally:
        log.removeHandler(handler)
        handler.close()
