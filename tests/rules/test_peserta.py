"""Section 3 of RULES.md, participants (Lampiran II point f): PESERTA-* rules."""

from datetime import date

import pytest
from factories import kegiatan, nik, peserta, profil, sentra
from rulecheck import fired, where

from xlplugin.domain.finding import Severity
from xlplugin.domain.privacy import mask_nik
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.engine import validate
from xlplugin.layout import load_layout

LAYOUT = load_layout()
KAK, PES, SEN = LAYOUT.tables["KAK"], LAYOUT.tables["Peserta"], LAYOUT.tables["Sentra"]
PP, PJ = Severity.PERLU_PERSETUJUAN, Severity.PERLU_PENJELASAN
PEL, PER = Severity.PELANGGARAN, Severity.PERINGATAN
AS_NUMBER = "NIK tersimpan sebagai angka, harus teks 16 digit"


def dok(kegiatan_list, peserta_list=(), sentra_list=None) -> Dokumen:
    return Dokumen(profil=profil(), sentra=sentra_list or [sentra()],
                   kegiatan=list(kegiatan_list), peserta=list(peserta_list))


def one(k, n=None, **over) -> Dokumen:
    """Activity `k` with `n` participants (default: a compliant count), `over` on each."""
    n = n if n is not None else {"B.1": 18, "B.2": 25}.get(k.rincian, 25)
    return dok([k], peserta(k, n, **over))


# ---------------------------------------------------------------- PESERTA-JUMLAH
JUMLAH_CASES = [
    # rincian, overrides, (lowest, highest) passing count
    ("A.1", {}, (20, 30)),
    ("A.2", {"varian": "Pelatihan"}, (20, 30)),
    ("A.2", {"varian": "Studi banding"}, (20, 30)),
    ("B.1", {}, (15, 20)),
    ("D.2", {}, (20, 30)),
]


@pytest.mark.parametrize("rincian, over, bounds", JUMLAH_CASES)
def test_jumlah_target_outside_range_needs_approval(rincian, over, bounds):
    lo, hi = bounds
    for target in (lo - 1, hi + 1):
        k = kegiatan(rincian, row=7, target_peserta=target, **over)
        [f] = fired(dok([k]), "PESERTA-JUMLAH")
        assert where(f) == (PP, "KAK", KAK.cell("target_peserta", 7))
        assert f"{lo}-{hi}" in f.message and str(target) in f.message


@pytest.mark.parametrize("rincian, over, bounds", JUMLAH_CASES)
def test_jumlah_target_and_list_inside_range_pass(rincian, over, bounds):
    for n in bounds:
        k = kegiatan(rincian, target_peserta=n, **over)
        assert fired(one(k, n), "PESERTA-JUMLAH") == []


@pytest.mark.parametrize("rincian, over, bounds", JUMLAH_CASES)
def test_jumlah_list_outside_range_fires_at_kode_kegiatan(rincian, over, bounds):
    lo, hi = bounds
    for n in (lo - 1, hi + 1):
        k = kegiatan(rincian, row=8, target_peserta=lo, **over)
        [f] = fired(one(k, n), "PESERTA-JUMLAH")
        assert where(f) == (PP, "KAK", KAK.cell("kode_kegiatan", 8))
        assert f"memuat {n} peserta" in f.message


def test_jumlah_empty_list_is_planning_stage_not_counted():
    assert fired(dok([kegiatan("A.1")]), "PESERTA-JUMLAH") == []


def test_jumlah_unreadable_target_is_a_violation():
    k = kegiatan("D.2", target_peserta=Invalid("dua puluh", "bukan angka"))
    [f] = fired(dok([k]), "PESERTA-JUMLAH")
    assert where(f) == (PEL, "KAK", KAK.cell("target_peserta", k.row))
    assert "'dua puluh' bukan angka" in f.message


def test_jumlah_approval_turns_disetujui():
    k = kegiatan("A.1", target_peserta=35)
    doc = one(k, 35)
    assert [f.level for f in fired(doc, "PESERTA-JUMLAH")] == ["PERLU_PERSETUJUAN"] * 2
    k.nomor_persetujuan, k.tanggal_persetujuan = "B/77/IKMA/2023", date(2023, 4, 3)
    k.alasan_persetujuan = "Jumlah peserta 35 karena seluruh anggota sentra berminat"
    assert [f.level for f in fired(doc, "PESERTA-JUMLAH")] == ["DISETUJUI"] * 2


def test_jumlah_not_applied_to_other_rincian():
    k = kegiatan("A.4", target_peserta=3)
    assert fired(one(k, 3), "PESERTA-JUMLAH") == []


# ---------------------------------------------------------------- PESERTA-MIN


def test_min_b2_pengelola_below_20_needs_statement():
    k = kegiatan("B.2", row=9, varian="Pengelola", target_peserta=19)
    [f] = fired(dok([k]), "PESERTA-MIN")
    assert where(f) == (PJ, "KAK", KAK.cell("target_peserta", 9))


def test_min_statement_turns_dijelaskan():
    k = kegiatan("B.4", target_peserta=12)
    doc = one(k, 12)
    assert [f.level for f in fired(doc, "PESERTA-MIN")] == ["PERLU_PENJELASAN"] * 2
    k.nomor_pernyataan = "500/45/Disperindag/2023"
    found = fired(doc, "PESERTA-MIN")
    assert [f.level for f in found] == ["DIJELASKAN"] * 2
    assert not any(f.is_blocking for f in found)


def test_min_above_maximum_is_a_warning():
    k = kegiatan("B.2", row=6, varian="Pengelola", target_peserta=31)
    [f] = fired(dok([k]), "PESERTA-MIN")
    assert where(f) == (PER, "KAK", KAK.cell("target_peserta", 6))


def test_min_list_below_and_above_fire_at_kode_kegiatan():
    k = kegiatan("B.4", row=10, target_peserta=25)
    [low] = fired(one(k, 19), "PESERTA-MIN")
    [high] = fired(one(k, 31), "PESERTA-MIN")
    assert where(low) == (PJ, "KAK", KAK.cell("kode_kegiatan", 10))
    assert where(high) == (PER, "KAK", KAK.cell("kode_kegiatan", 10))


def test_min_operator_at_least_five_no_maximum():
    low = kegiatan("B.2", varian="Operator", target_peserta=4)
    [f] = fired(dok([low]), "PESERTA-MIN")
    assert f.severity is PJ and "paling sedikit 5" in f.message
    many = kegiatan("B.2", varian="Operator", target_peserta=60)
    assert fired(one(many, 60), "PESERTA-MIN") == []


def test_min_unreadable_target_is_a_violation():
    k = kegiatan("B.4", target_peserta=None)
    [f] = fired(dok([k]), "PESERTA-MIN")
    assert where(f) == (PEL, "KAK", KAK.cell("target_peserta", k.row))
    assert "belum diisi" in f.message


@pytest.mark.parametrize("rincian, varian, n", [("B.2", "Pengelola", 20), ("B.2", "Pengelola", 30),
                                                ("B.2", "Operator", 5), ("B.4", "-", 20),
                                                ("B.4", "-", 30)])
def test_min_inside_limits_passes(rincian, varian, n):
    k = kegiatan(rincian, varian=varian, target_peserta=n)
    assert fired(one(k, n), "PESERTA-MIN") == []


# ---------------------------------------------------------------- PESERTA-NIB


def test_nib_missing_without_declaration_fires_at_nib_cell():
    k = kegiatan("A.2")
    doc = one(k)
    doc.peserta[3].nib = None
    [f] = fired(doc, "PESERTA-NIB")
    assert where(f) == (PEL, "Peserta", PES.cell("nib", doc.peserta[3].row))


def test_nib_declared_willing_passes():
    doc = one(kegiatan("D.2"), nib=None, bersedia_nib=True)
    assert fired(doc, "PESERTA-NIB") == []


def test_nib_not_required_outside_a1_a2_d2():
    assert fired(one(kegiatan("B.1"), nib=None), "PESERTA-NIB") == []


# ---------------------------------------------------------------- PESERTA-USIA
# The activity starts 8 May 2023 (factories.kegiatan).


@pytest.mark.parametrize("born, fires", [
    (date(2006, 5, 9), True),    # 16 on the first day
    (date(2006, 5, 8), False),   # 17 that very day
    (date(1973, 5, 8), False),   # 50
    (date(1972, 5, 8), True),    # 51
])
def test_usia_17_to_50_on_first_day(born, fires):
    doc = one(kegiatan("A.1"))
    doc.peserta[0].tanggal_lahir = born
    found = fired(doc, "PESERTA-USIA")
    assert bool(found) is fires
    if fires:
        assert where(found[0]) == (PEL, "Peserta", PES.cell("tanggal_lahir", doc.peserta[0].row))
        assert "8 Mei 2023" in found[0].message


def test_usia_empty_or_unreadable_birth_date_fires_at_that_cell():
    doc = one(kegiatan("D.2"))
    doc.peserta[1].tanggal_lahir = None
    doc.peserta[2].tanggal_lahir = Invalid("31/02/1990", "bukan tanggal")
    found = fired(doc, "PESERTA-USIA")
    assert [f.cell for f in found] == [PES.cell("tanggal_lahir", p.row) for p in doc.peserta[1:3]]
    assert "belum diisi" in found[0].message and "'31/02/1990' bukan tanggal" in found[1].message


def test_usia_not_applied_outside_a1_a2_d2():
    assert fired(one(kegiatan("B.4"), tanggal_lahir=date(1960, 1, 1)), "PESERTA-USIA") == []


# ---------------------------------------------------------------- PESERTA-SENTRA


def test_sentra_unknown_code_fires():
    doc = one(kegiatan("A.1"))
    doc.peserta[0].kode_sentra = "S9"
    [f] = fired(doc, "PESERTA-SENTRA")
    assert where(f) == (PEL, "Peserta", PES.cell("kode_sentra", doc.peserta[0].row))
    assert "S9" in f.message


def test_sentra_empty_fires_kosong():
    doc = one(kegiatan("C.3"))
    doc.peserta[4].kode_sentra = None
    [f] = fired(doc, "PESERTA-SENTRA")
    assert f.cell == PES.cell("kode_sentra", doc.peserta[4].row) and "belum diisi" in f.message


def test_sentra_b4_admits_local_community():
    doc = one(kegiatan("B.4"))
    doc.peserta[0].kode_sentra, doc.peserta[0].peran = None, "Masyarakat setempat"
    assert fired(doc, "PESERTA-SENTRA") == []


def test_sentra_local_community_not_admitted_elsewhere():
    doc = one(kegiatan("A.1"))
    doc.peserta[0].kode_sentra, doc.peserta[0].peran = None, "Masyarakat setempat"
    assert len(fired(doc, "PESERTA-SENTRA")) == 1


# ---------------------------------------------------------------- PESERTA-WILAYAH


def test_wilayah_other_kab_kota_fires():
    doc = one(kegiatan("B.1"))
    doc.peserta[2].kab_kota_asal = "Kota Lain"
    [f] = fired(doc, "PESERTA-WILAYAH")
    assert where(f) == (PEL, "Peserta", PES.cell("kab_kota_asal", doc.peserta[2].row))
    assert "Kota Lain" in f.message and "Kabupaten Contoh" in f.message


@pytest.mark.parametrize("asal", ["  kabupaten   CONTOH ", "Kab. Contoh", "KAB CONTOH"])
def test_wilayah_compares_case_space_and_abbreviation_insensitively(asal):
    assert fired(one(kegiatan("A.1"), kab_kota_asal=asal), "PESERTA-WILAYAH") == []


def test_wilayah_empty_fires_and_other_rincian_not_checked():
    doc = one(kegiatan("D.2"))
    doc.peserta[0].kab_kota_asal = None
    assert [f.cell for f in fired(doc, "PESERTA-WILAYAH")] == [PES.cell("kab_kota_asal", 6)]
    assert fired(one(kegiatan("C.3"), kab_kota_asal="Kota Lain"), "PESERTA-WILAYAH") == []


# ---------------------------------------------------------------- PESERTA-SK


def test_sk_missing_fires_once_at_the_sentra_row():
    k = kegiatan("B.1", kode="K07")
    doc = one(k)
    doc.sentra = [sentra(row=6), sentra(row=7, kode="S2", nomor_sk_pengelola=None)]
    for p in doc.peserta[:5]:
        p.kode_sentra = "S2"
    [f] = fired(doc, "PESERTA-SK")
    assert where(f) == (PEL, "Sentra", SEN.cell("nomor_sk_pengelola", 7))
    assert "S2" in f.message and "K07" in f.message


@pytest.mark.parametrize("rincian", ["B.3", "C.3"])
def test_sk_required_for_pengelola_rincian(rincian):
    doc = one(kegiatan(rincian), 5)
    doc.sentra = [sentra(nomor_sk_pengelola=None)]
    assert len(fired(doc, "PESERTA-SK")) == 1


def test_sk_not_required_for_b2_operator_or_a1():
    for k in (kegiatan("B.2", varian="Operator", target_peserta=10), kegiatan("A.1")):
        doc = one(k, 10 if k.rincian == "B.2" else 25, peran="IKM")
        doc.sentra = [sentra(nomor_sk_pengelola=None)]
        assert fired(doc, "PESERTA-SK") == []


def test_sk_recorded_passes():
    assert fired(one(kegiatan("B.1")), "PESERTA-SK") == []


# B.2 pengelola (issue 16 point 7): the pengelola UPT/rumah kemasan are appointed by a
# Keputusan Kepala Daerah recorded on their own Peserta row, not by the sentra's.
UPT = "Pengelola UPT/rumah kemasan"


def test_b2_pengelola_needs_the_decision_on_each_participant_row():
    doc = one(kegiatan("B.2", varian="Pengelola"))
    doc.sentra = [sentra(nomor_sk_pengelola=None)]  # the sentra's decision is not theirs
    assert fired(doc, "PESERTA-SK") == []
    doc.peserta[3].nomor_sk_pengelola = None
    doc.peserta[4].nomor_sk_pengelola = "  "
    found = fired(doc, "PESERTA-SK")
    assert [where(f) for f in found] == [(PEL, "Peserta", PES.cell("nomor_sk_pengelola", r))
                                         for r in (9, 10)]
    assert "Keputusan Kepala Daerah" in found[0].message and "KB2" in found[0].message


def test_b2_pengelola_participant_without_role_is_held_to_the_decision_too():
    doc = one(kegiatan("B.2", varian="Pengelola"), peran=None, nomor_sk_pengelola=None)
    assert len(fired(doc, "PESERTA-SK")) == 25
    doc = one(kegiatan("B.2", varian="Pengelola"), peran=None)
    assert fired(doc, "PESERTA-SK") == []


@pytest.mark.parametrize("peran", ["IKM", "Operator UPT/rumah kemasan", "Pengelola sentra"])
def test_b2_pengelola_training_admits_only_pengelola_upt(peran):
    doc = one(kegiatan("B.2", varian="Pengelola"))
    doc.peserta[0].peran = peran
    [f] = fired(doc, "PESERTA-SK")
    assert where(f) == (PEL, "Peserta", PES.cell("peran", 6))
    assert peran in f.message and UPT in f.message


def test_b2_role_is_read_as_users_type_it():
    doc = one(kegiatan("B.2", varian="Pengelola"), peran=" pengelola upt/RUMAH kemasan ")
    assert fired(doc, "PESERTA-SK") == []


def test_b2_operator_training_holds_only_its_pengelola_to_a_decision():
    k = kegiatan("B.2", varian="Operator", target_peserta=10)
    doc = one(k, 10, peran="Operator UPT/rumah kemasan", nomor_sk_pengelola=None)
    assert fired(doc, "PESERTA-SK") == []
    doc.peserta[0].peran = UPT
    [f] = fired(doc, "PESERTA-SK")
    assert where(f) == (PEL, "Peserta", PES.cell("nomor_sk_pengelola", 6))


def test_b2_decision_read_from_a_built_workbook(tmp_path, capsys):
    from rulecheck import checked, workbook

    doc = one(kegiatan("B.2", varian="Pengelola"))
    doc.peserta[0].nomor_sk_pengelola = None
    _, found = checked(workbook(doc, tmp_path / "b2"), capsys)
    assert [(f["severity"], f["cell"]) for f in found if f["rule"] == "PESERTA-SK"] == [
        ("PELANGGARAN", PES.cell("nomor_sk_pengelola", 6))]


# ---------------------------------------------------------------- PESERTA-PRASYARAT-D3


def _d3_with_d2(tuntas: bool) -> Dokumen:
    d2, d3 = kegiatan("D.2", row=6, kode="K02"), kegiatan("D.3", row=7, kode="K03")
    trained = peserta(d2, 25, tuntas=tuntas)
    # the D.3 participants are the first five D.2 people (same NIK), with no history
    follow = peserta(d3, 5, first_row=31, riwayat_pelatihan=None)
    for p, q in zip(follow, trained):
        p.nik = q.nik
    return dok([d2, d3], trained + follow)


def test_prasyarat_d3_without_d2_fires_at_riwayat():
    doc = one(kegiatan("D.3", row=9), 5, riwayat_pelatihan=None)
    found = fired(doc, "PESERTA-PRASYARAT-D3")
    assert len(found) == 5
    assert where(found[0]) == (PEL, "Peserta", PES.cell("riwayat_pelatihan", 6))


def test_prasyarat_d3_completed_d2_in_this_workbook_passes():
    assert fired(_d3_with_d2(tuntas=True), "PESERTA-PRASYARAT-D3") == []


def test_prasyarat_d3_d2_not_completed_fires():
    assert len(fired(_d3_with_d2(tuntas=False), "PESERTA-PRASYARAT-D3")) == 5


@pytest.mark.parametrize("riwayat", ["D.2", "Pelatihan ekspor D2 tahun 2022", "a.1; d. 2"])
def test_prasyarat_d3_history_mentions_d2(riwayat):
    doc = one(kegiatan("D.3"), 5, riwayat_pelatihan=riwayat)
    assert fired(doc, "PESERTA-PRASYARAT-D3") == []


def test_prasyarat_d3_other_code_in_history_fires():
    doc = one(kegiatan("D.3"), 5, riwayat_pelatihan="D.21, AD.2, A.2")
    assert len(fired(doc, "PESERTA-PRASYARAT-D3")) == 5


# ---------------------------------------------------------------- PESERTA-PRIORITAS-A3


def test_prioritas_a3_without_a1_a2_is_a_warning():
    doc = one(kegiatan("A.3", row=6), 5, riwayat_pelatihan=None)
    found = fired(doc, "PESERTA-PRIORITAS-A3")
    assert len(found) == 5 and where(found[0]) == (PER, "Peserta", PES.cell("riwayat_pelatihan", 6))


def test_prioritas_a3_completed_a2_here_or_in_history_passes():
    a2, a3 = kegiatan("A.2", row=6, kode="K02"), kegiatan("A.3", row=7, kode="K03")
    trained = peserta(a2, 25)
    follow = peserta(a3, 5, first_row=31, riwayat_pelatihan=None)
    for p, q in zip(follow, trained):
        p.nik = q.nik
    follow[4].nik, follow[4].riwayat_pelatihan = nik(99), "Pelatihan A.1 tahun 2021"
    assert fired(dok([a2, a3], trained + follow), "PESERTA-PRIORITAS-A3") == []


# ---------------------------------------------------------------- PESERTA-PASAR


@pytest.mark.parametrize("rincian", ["D.1", "D.3", "D.4"])
def test_pasar_without_domestic_sales_fires(rincian):
    doc = one(kegiatan(rincian), 5)
    doc.peserta[0].jual_domestik = False
    doc.peserta[1].jual_domestik = None
    found = fired(doc, "PESERTA-PASAR")
    assert [where(f) for f in found] == [(PEL, "Peserta", PES.cell("jual_domestik", r))
                                         for r in (6, 7)]
    assert [f.value for f in found] == ["Tidak", "kosong"]


def test_pasar_selling_domestically_passes_and_d2_not_checked():
    assert fired(one(kegiatan("D.4"), 5), "PESERTA-PASAR") == []
    assert fired(one(kegiatan("D.2"), jual_domestik=False), "PESERTA-PASAR") == []


# ---------------------------------------------------------------- PESERTA-GANDA


def test_ganda_reports_the_second_row_masked():
    doc = one(kegiatan("A.1", kode="K01"))
    doc.peserta[7].nik = doc.peserta[2].nik
    [f] = fired(doc, "PESERTA-GANDA")
    assert where(f) == (PEL, "Peserta", PES.cell("nik", doc.peserta[7].row))
    assert f"baris {doc.peserta[2].row}" in f.message and "K01" in f.message
    assert f.value == mask_nik(doc.peserta[2].nik) and doc.peserta[2].nik not in f.message


def test_ganda_same_person_in_two_activities_passes():
    a1, a2 = kegiatan("A.1", row=6, kode="K01"), kegiatan("A.2", row=7, kode="K02")
    assert fired(dok([a1, a2], peserta(a1, 25) + peserta(a2, 25)), "PESERTA-GANDA") == []


# ---------------------------------------------------------------- PESERTA-NIK


@pytest.mark.parametrize("bad", ["320101010101000", "32010101010100011", "3201O10101010001"])
def test_nik_not_16_digits_fires(bad):
    doc = one(kegiatan("A.1"))
    doc.peserta[0].nik = bad
    [f] = fired(doc, "PESERTA-NIK")
    assert where(f) == (PEL, "Peserta", PES.cell("nik", 6))
    assert bad not in f.message and f.value == mask_nik(bad)


def test_nik_stored_as_number_fires_with_its_reason():
    doc = one(kegiatan("A.1"))
    doc.peserta[1].nik = Invalid("3201010101010001", AS_NUMBER)
    [f] = fired(doc, "PESERTA-NIK")
    assert f.cell == PES.cell("nik", 7) and "tersimpan sebagai angka" in f.message
    assert "3201********0001" in f.message and "3201010101010001" not in f.message


def test_nik_empty_fires_kosong_and_valid_passes():
    doc = one(kegiatan("A.1"))
    doc.peserta[2].nik = None
    [f] = fired(doc, "PESERTA-NIK")
    assert f.cell == PES.cell("nik", 8) and "belum diisi" in f.message
    assert fired(one(kegiatan("A.1")), "PESERTA-NIK") == []


# ---------------------------------------------------------------- privacy


def test_no_full_nik_in_any_finding():
    k = kegiatan("A.1")
    doc = one(k, 32, nib=None, kab_kota_asal="Kota Lain", kode_sentra="S9")
    doc.peserta[1].nik = doc.peserta[0].nik
    doc.peserta[2].nik = Invalid("3201010101010002", AS_NUMBER)
    doc.peserta[3].nik = "320101010101003"
    full = [p.nik.raw if isinstance(p.nik, Invalid) else p.nik for p in doc.peserta]
    findings = validate(doc)
    assert {"PESERTA-GANDA", "PESERTA-NIK"} <= {f.rule for f in findings}
    for f in findings:
        text = f"{f.message} {f.value}"
        assert not any(n in text for n in full), f


@pytest.mark.parametrize("value, masked", [
    ("3201010101010001", "3201********0001"),
    (Invalid("3201010101010001", "NIK tersimpan sebagai angka"), "3201********0001"),
    ("320101010101000", "320*********000"),
    ("1234567", "1*****7"),
    ("123", "***"),
    (None, "(kosong)"),
])
def test_mask_nik_keeps_at_most_four_each_side_and_never_half(value, masked):
    assert mask_nik(value) == masked
