"""Title and signature lines of the annex sheets: from a report, or live from Profil.

The exported annexes carry the report's values; the template's sheets carry formulas
that read the Profil form, so they follow whatever the dinas types there.
"""

from __future__ import annotations

from ..domain.money import rupiah
from ..layout.model import Layout, quote_sheet
from ..rulepack.model import RulePack
from .lampiran import LampiranTable
from .sheet import Formula, Kop

TITIK = "...................."


def report_kop(report, table: LampiranTable) -> Kop:
    kab, dinas = report.text("kab_kota"), report.text("nama_dinas")
    judul = [
        f"LAMPIRAN {table.nomor}",
        table.judul.upper(),
        report.judul_format,
        " - ".join(x for x in (kab.upper(), dinas) if x),
        f"Periode {report.rentang}",
    ]
    if table.nomor == 1 and report.totals.pagu is not None:
        judul[-1] += f"; Pagu DAK Nonfisik {rupiah(report.totals.pagu)}"
    ttd = [
        f"{kab or TITIK}, {report.tanggal_ttd}",
        f"Kepala {dinas}" if dinas else "Kepala Dinas",
        "", "", "",
        report.text("kepala_dinas", TITIK),
        f"NIP {report.text('nip_kepala_dinas', TITIK)}",
    ]
    return Kop(judul, ttd)


def template_kop(layout: Layout, pack: RulePack, table: LampiranTable) -> Kop:
    """Formulas over the Profil form; the report kind is chosen at export time."""
    def ref(key: str) -> str:
        form = layout.profil
        sheet = quote_sheet(form.sheet)
        field = form.field(key)
        return f"{sheet}!${form.value_column}${field.row}"

    kab, dinas = ref("kab_kota"), ref("nama_dinas")
    judul = [
        f"LAMPIRAN {table.nomor}",
        table.judul.upper(),
        ("LAPORAN SEMESTER I / II / AKHIR PENGGUNAAN DANA ALOKASI KHUSUS NONFISIK "
         f"PENGUATAN KAPASITAS KELEMBAGAAN SENTRA IKM TAHUN {pack.tahun}"),
        Formula(f'=UPPER({kab})&IF({dinas}="",""," - "&{dinas})'),
        "Baris tabel diisi oleh tombol Ekspor Laporan (pita DAK) atau perintah xlplugin report.",
    ]
    ttd = [
        Formula(f'=IF({kab}="","{TITIK}",{kab})&", {TITIK}"'),
        Formula(f'="Kepala "&IF({dinas}="","Dinas",{dinas})'),
        "", "", "",
        Formula(f'=IF({ref("kepala_dinas")}="","{TITIK}",{ref("kepala_dinas")})'),
        Formula(f'="NIP "&{ref("nip_kepala_dinas")}'),
    ]
    return Kop(judul, ttd)
