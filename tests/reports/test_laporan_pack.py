"""Which parts of the report the dinas must write is the rule pack's `[laporan]`, per
kind of report: a later year changes it in its own folder, and a wrong entry is refused
when the pack loads."""

from __future__ import annotations

import pytest
from dinas import lengkap, narasi_rows
from factories import clean_dokumen

from xlplugin.reports.model import build_report
from xlplugin.rulepack.loader import load_pack
from xlplugin.rulepack.model import RulePackError

PACK = load_pack()


def _year(tmp_path, laporan: str):
    """A TA 2024 pack that extends TA 2023 and sets only `laporan`."""
    import shutil

    from xlplugin.rulepack.loader import PACKS_DIR
    shutil.copytree(PACKS_DIR / "ta2023", tmp_path / "ta2023")
    (tmp_path / "ta2024").mkdir()
    (tmp_path / "ta2024" / "pack.toml").write_text(
        f'[pack]\nextends = "ta2023"\ntahun = 2024\n\n[laporan]\n{laporan}\n', encoding="utf-8")
    return load_pack(2024, tmp_path)


def test_the_2023_pack_requires_the_same_four_parts_and_photos_in_every_report():
    for jenis in ("semester1", "semester2", "akhir"):
        assert PACK.laporan.wajib(jenis) == ("Latar belakang", "Tujuan", "Kesimpulan", "Saran")
        assert PACK.laporan.foto_wajib(jenis)


def test_a_later_year_can_require_the_perencanaan_text(tmp_path):
    pack = _year(tmp_path, 'narasi_wajib.akhir = ["Perencanaan"]')
    doc = lengkap(clean_dokumen())
    doc.narasi = narasi_rows(Perencanaan="")
    # findings=[]: the 2023 activities break TA 2024's year limits, not what is tested here
    assert build_report(doc, "akhir", PACK, findings=[]).draf == ()
    assert build_report(doc, "akhir", pack, findings=[]).draf == (
        "Narasi: Perencanaan belum diisi (sheet Narasi)",)
    assert build_report(doc, "semester1", pack, findings=[]).draf == ()  # 2023's list


def test_a_year_without_required_photos_leaves_a_report_without_them_final(tmp_path):
    pack = _year(tmp_path, "dokumentasi_wajib.semester1 = false")
    doc = lengkap(clean_dokumen())
    doc.dokumentasi = []
    assert build_report(doc, "semester1", pack, findings=[]).draf == ()
    assert build_report(doc, "semester1", PACK, findings=[]).draf != ()


@pytest.mark.parametrize("laporan,words", [
    ('narasi_wajib.akhir = ["Ringkasan"]', "bagian narasi 'Ringkasan' tidak dikenal"),
    ('narasi_wajib.bulanan = ["Tujuan"]', "jenis laporan 'bulanan' tidak dikenal"),
    ("wajib_foto = true", "kunci tidak dikenal"),
])
def test_a_wrong_laporan_entry_is_refused_when_the_pack_loads(tmp_path, laporan, words):
    with pytest.raises(RulePackError, match=words):
        _year(tmp_path, laporan)
