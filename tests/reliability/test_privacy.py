"""No full NIK of the sample leaves the product: findings, reports, rekap, diff, KAK.

Every output of the commands that produce something from the sample workbook is
scanned (printed text, and every part of every file written, with XML tags removed
so a NIK split over runs is still found) for the sample's 16-digit NIKs. The validated
copy is the user's own workbook and keeps their NIKs in their input sheets; only what
the product writes into it (the Temuan sheet) is scanned.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from corpus import TEMUAN, Book, base_workbook, first, put_text

from xlplugin.cli.main import main


@pytest.fixture(scope="module")
def sample() -> Path:
    return base_workbook()


@pytest.fixture(scope="module")
def niks() -> set[str]:
    from xlplugin.sample import sample_dokumen

    doc = sample_dokumen()
    found = {p.nik for rows in (doc.peserta, doc.narasumber, doc.pendamping) for p in rows
             if isinstance(p.nik, str) and re.fullmatch(r"\d{16}", p.nik)}
    assert len(found) > 20
    return found


def text_of(data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    return text + "\n" + re.sub(r"<[^>]+>", "", text)


def leaks(niks: set[str], *texts: str) -> list[str]:
    joined = "\n".join(texts)
    squeezed = re.sub(r"[\s.\-]", "", joined)
    return sorted(n for n in niks if n in joined or n in squeezed)


def file_texts(path: Path) -> list[str]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return [text_of(zf.read(n)) for n in zf.namelist()]
    if path.suffix == ".pdf":
        import subprocess
        return [subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                               text=True, check=False).stdout]
    return [text_of(path.read_bytes())]


@pytest.fixture
def book(sample, tmp_path) -> Path:
    """The sample with a duplicate NIK and a malformed one, so NIK rules fire."""
    from corpus import TABLES

    from xlplugin.sample import sample_dokumen

    data = Book(sample.read_bytes())
    peserta = TABLES["Peserta"]

    doc = sample_dokumen()
    dup = doc.peserta[0].nik
    data.edit(peserta.sheet, lambda r: (put_text(r, first("Peserta", "nik", 1), dup),
                                        put_text(r, first("Peserta", "nik", 2), dup[:15] + "X")))
    path = tmp_path / "sampel.xlsm"
    path.write_bytes(data.to_bytes())
    return path


def test_findings_never_print_a_full_nik(book, niks, tmp_path, capsys):
    out = tmp_path / "diperiksa.xlsm"
    main(["validate", str(book), "-o", str(out)])
    printed = capsys.readouterr()
    main(["validate", str(book), "--json", "--no-write"])
    as_json = capsys.readouterr()
    assert "NIK" in as_json.out  # the NIK rules did fire
    from corpus import _sheet_parts
    with zipfile.ZipFile(out) as zf:
        parts = _sheet_parts({n: zf.read(n) for n in ("xl/workbook.xml",
                                                       "xl/_rels/workbook.xml.rels")})
        temuan = text_of(zf.read(parts[TEMUAN]))
    assert not leaks(niks, printed.out, printed.err, as_json.out, as_json.err, temuan)


def test_report_kak_rekap_and_diff_outputs_hold_no_full_nik(book, niks, tmp_path, capsys):
    from xlplugin.reports.export import export_report

    written = export_report(book, "semester1", tmp_path / "laporan", pdf=False)
    written += export_report(book, "akhir", tmp_path / "laporan", pdf=False)
    main(["kak", str(book), "-o", str(tmp_path / "kak")])
    folder = tmp_path / "masuk"
    folder.mkdir()
    shutil.copy2(book, folder / "a.xlsm")
    main(["rekap", str(folder), "-o", str(tmp_path / "rekap.xlsx"), "--tanpa-progres", "-j",
          "1"])
    main(["diff", str(book), str(base_workbook())])
    main(["diff", str(book), str(base_workbook()), "--json"])
    printed = capsys.readouterr()
    files = written + list((tmp_path / "kak").rglob("*")) + [tmp_path / "rekap.xlsx"]
    files = [f for f in files if f.is_file()]
    assert len(files) >= 4
    texts = [t for f in files for t in file_texts(f)]
    assert not leaks(niks, printed.out, printed.err, *texts)


@pytest.mark.libreoffice
def test_report_pdf_holds_no_full_nik(book, niks, tmp_path):
    from xlplugin.reports.export import export_report

    written = export_report(book, "akhir", tmp_path / "laporan", pdf=True)
    pdfs = [f for f in written if f.suffix == ".pdf"]
    assert pdfs
    assert not leaks(niks, *[t for f in pdfs for t in file_texts(f)])


def test_unmasked_export_is_the_only_way_to_a_full_nik(book, niks, tmp_path):
    """The scan can fail: asked explicitly, the export does write full NIKs."""
    from xlplugin.reports.export import export_report

    written = export_report(book, "akhir", tmp_path / "lengkap", mask_nik=False, pdf=False)
    assert leaks(niks, *[t for f in written for t in file_texts(f)])
