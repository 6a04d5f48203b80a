"""Hostile input: zip bombs and oversized parts refused within documented limits, no
XML entity resolved, no macro run, an encrypted workbook named as such.

`xlplugin.ooxml.limits` holds the limits and the XXE-safe parser; the end-to-end tests
go through `xlplugin validate` and hold whatever reader is hooked behind it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from corpus import SECRET_MARKER, TABLES, Book, base_workbook, put_text

from xlplugin.cli.main import main
from xlplugin.ooxml import limits
from xlplugin.ooxml.errors import WorkbookReadError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample() -> Path:
    return base_workbook()


def variant(sample: Path, tmp_path: Path, edit, name: str = "varian.xlsm") -> Path:
    book = Book(sample.read_bytes())
    edit(book)
    path = tmp_path / name
    path.write_bytes(book.to_bytes())
    return path


def zip_of(parts: dict[str, bytes]) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


# ---------------------------------------------------------------- limits.py itself
def test_limits_accept_the_sample_package(sample):
    with zipfile.ZipFile(sample) as zf:
        limits.check_package(zf, sample.name)
        for info in zf.infolist():
            data = limits.read_part(zf, info, sample.name)
            if info.filename.endswith(".xml"):
                limits.safe_fromstring(data, info.filename, sample.name)


def test_part_expanding_more_than_the_ratio_is_a_zip_bomb():
    zf = zip_of({"xl/worksheets/sheet1.xml": b"<a>" + b"0" * (4 * limits.MiB) + b"</a>"})
    with pytest.raises(limits.PackageLimitError, match="bom zip"):
        limits.check_package(zf, "bom.xlsx")


def test_too_many_parts_are_refused():
    zf = zip_of({f"x{i}.bin": b"" for i in range(limits.MAX_PARTS + 1)})
    with pytest.raises(limits.PackageLimitError, match="bagian"):
        limits.check_package(zf, "banyak.xlsx")


def test_oversized_xml_part_is_refused_by_its_own_limit():
    small = limits.Limits(xml_part_bytes=1000, ratio=10**9)
    zf = zip_of({"xl/styles.xml": b"<a>" + b" " * 2000 + b"</a>"})
    with pytest.raises(limits.PackageLimitError, match="xl/styles.xml"):
        limits.check_package(zf, "besar.xlsx", small)


def test_read_part_stops_at_the_cap_when_the_zip_lies_about_sizes():
    data = b"<a>" + b"0" * 5000 + b"</a>"
    zf = zip_of({"xl/a.xml": data})
    info = zf.getinfo("xl/a.xml")
    info.file_size = 10  # the header says 10 bytes; the stream holds 5007
    with pytest.raises(WorkbookReadError):
        limits.read_part(zf, info, "bohong.xlsx", limits.Limits(xml_part_bytes=100))


def test_damaged_deflate_stream_is_a_clear_read_error():
    data = bytearray(zip_of({"xl/a.xml": bytes(range(256)) * 400}).fp.getvalue())
    start = data.find(b"xl/a.xml") + len("xl/a.xml")
    data[start + 200: start + 260] = b"\xff" * 60
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    with pytest.raises(WorkbookReadError, match="rusak"):
        limits.read_part(zf, "xl/a.xml", "rusak.xlsx")


def test_total_unpacked_size_is_bounded():
    small = limits.Limits(total_bytes=3000, ratio=10**9)
    zf = zip_of({f"p{i}.xml": b"<a>" + b" " * 1000 + b"</a>" for i in range(4)})
    with pytest.raises(limits.PackageLimitError, match="melebihi"):
        limits.check_package(zf, "total.xlsx", small)


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE a [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>',
    b'<!DOCTYPE a [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;&l0;">]>',
    b'<!DOCTYPE a SYSTEM "file:///etc/passwd">',
])
def test_any_dtd_is_refused_by_both_parsers(doctype):
    data = b'<?xml version="1.0"?>' + doctype + b"<a>&x;</a>"
    with pytest.raises(limits.UnsafeXmlError, match="DTD"):
        limits.safe_fromstring(data, "xl/worksheets/sheet1.xml", "x.xlsx")
    with pytest.raises(limits.UnsafeXmlError):
        limits.safe_etree_fromstring(data, "xl/worksheets/sheet1.xml", "x.xlsx")


def test_dtd_hidden_in_utf16_is_still_refused():
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]><a/>'
    with pytest.raises(limits.UnsafeXmlError):
        limits.safe_fromstring(data.encode("utf-16"), "p.xml", "x.xlsx")


def test_far_cell_extent_is_measured_without_parsing():
    xml = b'<sheetData><row r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/>' \
          b"</row></sheetData>"
    assert limits.sheet_extent(xml) == (1048576, 16384, "XFD1048576")
    with pytest.raises(limits.PackageLimitError, match="XFD1048576"):
        limits.check_sheet_extent(xml, "Sentra", "x.xlsx")
    limits.check_sheet_extent(b'<c r="AM3005"/>', "Peserta", "x.xlsx")  # the template's size


# ---------------------------------------------------------------- through validate
def test_validate_refuses_a_package_of_10000_parts(sample, tmp_path, capsys):
    def parts(book):
        for i in range(10_000):
            book.parts[f"xl/media/x{i}.bin"] = b""
    path = variant(sample, tmp_path, parts)
    assert main(["validate", str(path), "--no-write"]) == 2
    assert "bagian" in capsys.readouterr().err


def test_validate_refuses_a_cell_at_xfd1048576_naming_sheet_and_cell(sample, tmp_path):
    """One far cell made python-calamine request 512 GB and abort the process."""
    sheet = TABLES["Sentra"].sheet
    path = variant(sample, tmp_path, lambda b: b.edit(sheet, lambda r: put_text(
        r, "XFD1048576", "ujung")))
    proc = subprocess.run([sys.executable, "-m", "xlplugin", "validate", str(path),
                           "--no-write"], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2, proc.stderr[-500:]
    assert sheet in proc.stderr and "XFD1048576" in proc.stderr


@pytest.mark.parametrize("where", ["sheet", "sharedStrings", "workbook"])
def test_external_entity_is_never_resolved(sample, tmp_path, capsys, where):
    from corpus import CASES, CORPUS_ROOT, XXE_FILE, _make

    CORPUS_ROOT.mkdir(parents=True, exist_ok=True)
    (CORPUS_ROOT / XXE_FILE).write_text(SECRET_MARKER)
    name = {"sheet": "sheet-entitas-berkas", "sharedStrings": "sharedstrings-entitas-berkas",
            "workbook": "entitas-xl/workbook.xml"}[where]
    case = next(c for c in CASES if c.category == "XXE" and c.name == name)
    path = tmp_path / "xxe.xlsm"
    path.write_bytes(_make(case, sample.read_bytes()))
    out = tmp_path / "keluaran.xlsm"
    code = main(["validate", str(path), "--json", "-o", str(out)])
    printed = capsys.readouterr()
    assert SECRET_MARKER not in printed.out + printed.err
    assert code in (0, 1, 2)
    if out.exists():
        with zipfile.ZipFile(out) as zf:
            assert not any(SECRET_MARKER.encode() in zf.read(n) for n in zf.namelist())


def test_encrypted_workbook_gets_a_password_message(sample, tmp_path, capsys):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "terkunci.xlsm"
    with path.open("wb") as fh:
        OOXMLFile(io.BytesIO(sample.read_bytes())).encrypt("rahasia123", fh)
    assert main(["validate", str(path)]) == 2
    assert "kata sandi" in capsys.readouterr().err
    assert not (tmp_path / "terkunci.diperiksa.xlsm").exists()


def test_validate_runs_no_macro_and_no_program(sample, tmp_path, monkeypatch, capsys):
    """Reading never runs the workbook's VBA: no process is started, xlwings is not
    imported, and the VBA project is copied as bytes, never opened."""
    import zipfile as zipmod

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a))
    monkeypatch.setattr(os, "system", lambda *a: started.append(a))
    opened = []
    real_open = zipmod.ZipFile.open

    def spy(self, name, *a, **k):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *a, **k)
    monkeypatch.setattr(zipmod.ZipFile, "open", spy)
    monkeypatch.delitem(sys.modules, "xlwings", raising=False)  # restored afterwards
    out = tmp_path / "keluaran.xlsm"
    assert main(["validate", str(sample), "-o", str(out)]) in (0, 1)
    assert not started
    assert "xlwings" not in sys.modules
    reads = [n for n in opened if n == "xl/vbaProject.bin"]
    assert len(reads) <= 1  # copied once by the writer, as raw bytes
    with zipfile.ZipFile(sample) as a, zipfile.ZipFile(out) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
