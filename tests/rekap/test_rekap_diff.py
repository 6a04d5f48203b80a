"""`xlplugin diff`: only what changed between two versions of one kab/kota's workbook."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

from factories import clean_dokumen, kegiatan, peserta, rab_line

from xlplugin.domain.money import rupiah
from xlplugin.engine.totals import line_amount
from xlplugin.engine.validate import validate
from xlplugin.rekap.diff import compare
from xlplugin.rekap.load import check_file


def _versions():
    old = clean_dokumen()
    return old, copy.deepcopy(old)


def _compare(old, new):
    return compare(old, new, validate(old), validate(new))


def test_same_document_has_no_change():
    old, new = _versions()
    assert _compare(old, new).kosong


def test_activity_added_and_removed():
    old, new = _versions()
    extra = kegiatan("A.2", row=7, kode="K02")
    new.kegiatan.append(extra)
    old.kegiatan.append(kegiatan("B.1", row=7, kode="K09"))
    result = _compare(old, new)
    assert result.kegiatan_baru == ["K02 (A.2) Kegiatan A.2"]
    assert result.kegiatan_hapus == ["K09 (B.1) Kegiatan B.1"]


def test_activity_field_change_names_the_column_and_both_values():
    old, new = _versions()
    new.kegiatan[0].lokasi = "Aula Baru"
    (line,) = _compare(old, new).kegiatan_ubah
    assert line.startswith("K01: Lokasi ") and line.endswith("menjadi Aula Baru")


def test_cost_line_change_shows_old_and_new_amount():
    old, new = _versions()
    line = new.rab[2]
    before = line_amount(old.rab[2])
    line.harga_satuan, line.jumlah = 300_000, None
    after = line_amount(line)
    result = _compare(old, new)
    (text,) = result.rab_ubah
    assert f"{rupiah(before)} menjadi {rupiah(after)}" in text
    assert f"selisih {rupiah(after - before)}" in text
    assert result.selisih_rab == after - before


def test_cost_line_added_and_removed_with_amount():
    old, new = _versions()
    k = new.kegiatan[0]
    new.rab.append(rab_line(k, 9, "R004", "Sewa gedung/ruang pertemuan", 1, 5_000_000))
    removed = new.rab.pop(0)
    result = _compare(old, new)
    assert result.rab_baru == [f"R004 Sewa gedung/ruang pertemuan: {rupiah(5_000_000)}"]
    assert result.rab_hapus == [(f"{removed.kode_baris} {removed.uraian}: "
                                f"{rupiah(line_amount(removed))}")]


def test_participants_added_and_removed_with_masked_nik():
    old, new = _versions()
    gone = new.peserta.pop()
    (added,) = peserta(new.kegiatan[0], 1, first_row=99, nama="Peserta Pengganti")
    new.peserta.append(added)
    result = _compare(old, new)
    assert result.peserta_hapus == [(f"K01: {gone.nama} (NIK {gone.nik[:4]}"
                                    f"{'*' * 8}{gone.nik[-4:]})")]
    assert len(result.peserta_baru) == 1 and "Peserta Pengganti" in result.peserta_baru[0]
    assert added.nik not in result.peserta_baru[0]


def test_findings_resolved_and_new():
    old, new = _versions()
    old.narasumber[0].sehat = None  # NARSUM-SEHAT in the old version, fixed in the new
    new.profil.tanggal_rencana = new.profil.tanggal_rencana.replace(month=4)  # DL-RENCANA
    result = _compare(old, new)
    assert [t.split()[0] for t in result.temuan_selesai] == ["NARSUM-SEHAT"]
    assert [t.split()[0] for t in result.temuan_baru] == ["DL-RENCANA"]


def test_a_row_inserted_above_does_not_renew_findings():
    old, new = _versions()
    for v in (old, new):
        v.narasumber[0].sehat = None
    new.narasumber[0].row += 1
    assert _compare(old, new).kosong


def test_cli_prints_changes_in_indonesian_and_json_matches(corpus):
    folder, manifest = corpus
    a, b = (folder / f["berkas"] for f in manifest["files"][:2])  # two different variants
    text = subprocess.run([sys.executable, "-m", "xlplugin", "diff", str(a), str(b)],
                          capture_output=True, text=True, check=False)
    assert text.returncode == 1, text.stderr
    assert "Baris RAB berubah" in text.stdout and "menjadi" in text.stdout
    out = subprocess.run([sys.executable, "-m", "xlplugin", "diff", "--json", str(a), str(b)],
                         capture_output=True, text=True, check=False)
    old, new = check_file(a), check_file(b)
    expected = compare(old.doc, new.doc, old.findings, new.findings).to_json_dict()
    assert json.loads(out.stdout) == expected


def test_cli_same_file_has_no_change_and_unreadable_file_is_exit_2(corpus, tmp_path):
    folder, manifest = corpus
    a = folder / manifest["files"][0]["berkas"]
    same = subprocess.run([sys.executable, "-m", "xlplugin", "diff", str(a), str(a)],
                          capture_output=True, text=True, check=False)
    assert same.returncode == 0 and "Tidak ada perubahan" in same.stdout
    bad = tmp_path / "rusak.xlsm"
    bad.write_bytes(b"bukan zip")
    broken = subprocess.run([sys.executable, "-m", "xlplugin", "diff", str(a), str(bad)],
                            capture_output=True, text=True, check=False)
    assert broken.returncode == 2 and "tidak dapat dibaca" in broken.stderr
    assert "Traceback" not in broken.stderr
