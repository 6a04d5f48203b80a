"""The benchmark tools work end to end at a tiny size (no timing is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench` lives at the repository root

from bench import generate, run
from bench.scale import Size, counts, scaled_dokumen


def test_scaled_dokumen_has_the_requested_rows():
    doc = scaled_dokumen("small")
    assert counts(doc)["rab"] == 200 and counts(doc)["peserta"] == 300
    codes = [line.kode_baris for line in doc.rab]
    assert len(set(codes)) == len(codes)
    assert [r.row for r in doc.peserta] == list(range(doc.peserta[0].row,
                                                       doc.peserta[0].row + 300))


def test_layout_for_grows_only_overfull_tables():
    doc = scaled_dokumen(Size("over", 1, 2_100, None))
    layout = generate.layout_for(doc)
    assert layout.tables["RAB"].capacity == 2_100
    assert layout.tables["Peserta"].capacity == generate.load_layout().tables["Peserta"].capacity
    assert generate.layout_for(scaled_dokumen("tiny")) is generate.load_layout()


@pytest.mark.slow
def test_generator_and_runner_produce_the_table(tmp_path, capsys):
    path, _seconds = generate.generate("tiny", tmp_path / "wb")
    assert path.exists()
    results = tmp_path / "RESULTS.md"
    code = run.main(["--sizes", "tiny", "--workbooks", str(tmp_path / "wb"), "--reuse",
                     "--no-libreoffice", "--no-formulas", "--quick", "--results", str(results)])
    assert code == 0
    text = results.read_text(encoding="utf-8")
    assert "`xlplugin validate FILE` in process" in text
    assert "ratio: ours in process / I/O floor" in text
    assert "(reused)" in text and "python -m bench.run --sizes tiny" in text
    assert text in capsys.readouterr().out


def test_child_validate_reads_a_grown_layout(tmp_path):
    """The xlarge path: validate with capacities given on the command line."""
    path, _ = generate.generate("tiny", tmp_path)
    out = tmp_path / "out.xlsm"
    code = run.main(["--child-validate", str(path), str(out), "RAB=2500", "Peserta=3500"])
    assert code == 1  # the sample's deliberate breaches are blocking
    assert out.exists() and out.stat().st_size > 0
