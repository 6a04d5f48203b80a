"""The Rekap sheet: totals per menu A-D and per rincian, pagu vs RAB vs realisasi.

Every total is a native SUMIFS/COUNTIFS over the RAB and KAK columns, so it is right in
any spreadsheet program with macros off. The Cek Python column cross-checks them with
the engine's totals, read from the live check's one call (`Status Langsung`; blank
while Python does not answer).
The sheet's own grid (rows per code, columns) is declared here as data and exposed by
`rekap_rows()` / `REKAP_COLUMNS`, so readers and tests derive addresses, not copy them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...layout.model import Layout, column_letter
from ...layout.udf import total_formula
from .. import styles
from ..formulas import column_range, form_cell
from .tables import protect

REKAP_COLUMNS = ("kode", "uraian", "kegiatan", "anggaran", "persen_pagu", "realisasi",
                 "persen_realisasi", "sisa", "cek_python", "cek_status")
HEADERS = {
    "kode": "Kode", "uraian": "Menu / Rincian Kegiatan", "kegiatan": "Jumlah Kegiatan (KAK)",
    "anggaran": "Anggaran RAB (Rp)", "persen_pagu": "% terhadap Pagu",
    "realisasi": "Realisasi (Rp)", "persen_realisasi": "% Realisasi terhadap RAB",
    "sisa": "Sisa Anggaran RAB (Rp)", "cek_python": "Cek Python (Rp)",
    "cek_status": "Hasil Cek",
}
WIDTHS = {"kode": 8, "uraian": 58, "kegiatan": 11, "anggaran": 19, "persen_pagu": 11,
          "realisasi": 19, "persen_realisasi": 12, "sisa": 19, "cek_python": 19,
          "cek_status": 11}
MENU_FILL = styles.PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = styles.PatternFill("solid", fgColor="BDD7EE")


def col(key: str) -> str:
    return column_letter(REKAP_COLUMNS.index(key) + 1)


@dataclass(frozen=True)
class RekapRows:
    codes: dict[str, int]  # "A" / "A.1" -> row
    unmapped: int
    total: int
    pagu: int
    sisa_pagu: int
    status_pagu: int


def rekap_rows(layout: Layout, pack) -> RekapRows:
    row = layout.meta["header_row"] + 1
    codes = {}
    for menu in pack.menu:
        codes[menu] = row
        row += 1
        for kode in pack.rincian_of_menu(menu):
            codes[kode] = row
            row += 1
    return RekapRows(codes, unmapped=row, total=row + 1, pagu=row + 3, sisa_pagu=row + 4,
                     status_pagu=row + 5)


def build_rekap_sheet(ws, layout: Layout, pack) -> None:
    rows = rekap_rows(layout, pack)
    out = layout.outputs["Rekap"]
    styles.style_title_block(
        ws, out.title, f"{pack.regulasi} - TA {pack.tahun}",
        "Semua angka dihitung otomatis dari sheet KAK, RAB dan Realisasi (rumus SUMIFS) dan "
        "tetap benar tanpa makro. Kolom Cek Python terisi bila makro dan Python aktif.",
        layout.meta, 4)
    header_row = layout.meta["header_row"]
    for i, key in enumerate(REKAP_COLUMNS, start=1):
        styles.style_header(ws.cell(header_row, i, HEADERS[key]))
        ws.column_dimensions[column_letter(i)].width = WIDTHS[key]
    ws.row_dimensions[header_row].height = 45
    for code, row in rows.codes.items():
        _code_row(ws, layout, pack, code, row)
    _summary_rows(ws, layout, rows)
    _setup(ws, layout, rows)


def _code_row(ws, layout: Layout, pack, code: str, row: int) -> None:
    is_menu = code in pack.menu
    name = pack.menu[code] if is_menu else pack.rincian[code].nama
    by = "menu" if is_menu else "rincian"
    kode = f"${col('kode')}{row}"
    anggaran, realisasi = f"{col('anggaran')}{row}", f"{col('realisasi')}{row}"
    values = {
        "kode": code,
        "uraian": name if is_menu else f"    {name}",
        "kegiatan": f"=COUNTIFS({column_range(layout, 'KAK', by)},{kode})",
        "anggaran": f"=SUMIFS({column_range(layout, 'RAB', 'jumlah')},"
                    f"{column_range(layout, 'RAB', by)},{kode})",
        "persen_pagu": f'=IFERROR({anggaran}/{form_cell(layout, "pagu")},"")',
        "realisasi": f"=SUMIFS({column_range(layout, 'RAB', 'realisasi')},"
                     f"{column_range(layout, 'RAB', by)},{kode})",
        "persen_realisasi": f'=IFERROR({realisasi}/{anggaran},"")',
        "sisa": f"={anggaran}-{realisasi}",
        "cek_python": total_formula(f"${col('kode')}${layout.meta['header_row']}"),
        "cek_status": _check_status(row),
    }
    _write_row(ws, row, values, bold=is_menu, fill=MENU_FILL if is_menu else None)


def _check_status(row: int) -> str:
    python, native = f"{col('cek_python')}{row}", f"{col('anggaran')}{row}"
    return f'=IF({python}="","",IF({python}={native},"Cocok","Berbeda"))'


def _summary_rows(ws, layout: Layout, rows: RekapRows) -> None:
    menu_rows = [rows.codes[m] for m in rows.codes if "." not in m]
    anggaran, realisasi = col("anggaran"), col("realisasi")
    total_rab = f"SUM({column_range(layout, 'RAB', 'jumlah')})"
    total_real = f"SUM({column_range(layout, 'Realisasi', 'jumlah')})"
    pagu = form_cell(layout, "pagu")
    unmapped = {
        "uraian": "Belum terpetakan (Kode Kegiatan RAB/Realisasi tidak ada di KAK)",
        "anggaran": f"={total_rab}-" + "-".join(f"{anggaran}{r}" for r in menu_rows),
        "realisasi": f"={total_real}-" + "-".join(f"{realisasi}{r}" for r in menu_rows),
        "sisa": f"={anggaran}{rows.unmapped}-{realisasi}{rows.unmapped}",
    }
    _write_row(ws, rows.unmapped, unmapped)
    t = rows.total
    total = {
        "uraian": "TOTAL",
        "kegiatan": f"=COUNTA({column_range(layout, 'KAK', 'kode_kegiatan')})",
        "anggaran": f"={total_rab}",
        "persen_pagu": f'=IFERROR({anggaran}{t}/{pagu},"")',
        "realisasi": f"={total_real}",
        "persen_realisasi": f'=IFERROR({realisasi}{t}/{anggaran}{t},"")',
        "sisa": f"={anggaran}{t}-{realisasi}{t}",
    }
    _write_row(ws, t, total, bold=True, fill=TOTAL_FILL)
    _write_row(ws, rows.pagu, {"uraian": "Pagu DAK Nonfisik (dari sheet Profil)",
                               "anggaran": f'=IF({pagu}="",0,{pagu})'}, bold=True)
    _write_row(ws, rows.sisa_pagu, {"uraian": "Sisa pagu (Pagu - Total RAB)",
                                    "anggaran": f"={anggaran}{rows.pagu}-{anggaran}{t}"})
    status = (f'=IF({pagu}="","Pagu belum diisi di sheet Profil",'
              f'IF({anggaran}{t}>{pagu},"MELEBIHI PAGU","Dalam batas pagu"))')
    _write_row(ws, rows.status_pagu, {"uraian": "Status pagu", "anggaran": status}, bold=True)


FORMATS = {"kegiatan": styles.INTEGER, "anggaran": styles.RUPIAH, "realisasi": styles.RUPIAH,
           "sisa": styles.RUPIAH, "cek_python": styles.RUPIAH, "persen_pagu": styles.PERCENT,
           "persen_realisasi": styles.PERCENT}


def _write_row(ws, row: int, values: dict, *, bold: bool = False, fill=None) -> None:
    for i, key in enumerate(REKAP_COLUMNS, start=1):
        cell = ws.cell(row, i, values.get(key))
        cell.font = styles.BOLD_FONT if bold else styles.BODY_FONT
        cell.number_format = FORMATS.get(key, "General")
        cell.border = styles.BOX
        cell.protection = styles.LOCKED
        if fill is not None:
            cell.fill = fill


def _setup(ws, layout: Layout, rows: RekapRows) -> None:
    ws.freeze_panes = f"C{layout.meta['header_row'] + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{layout.meta['header_row']}:{layout.meta['header_row']}"
    ws.print_area = f"A1:{col(REKAP_COLUMNS[-1])}{rows.status_pagu}"
    protect(ws)
