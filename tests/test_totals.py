"""engine.totals: exact rupiah per menu/rincian/kegiatan, semesters, capaian keluaran."""

from datetime import date
from decimal import Decimal

from factories import clean_dokumen, kegiatan, peserta, rab_line

from xlplugin.domain.records import Realisasi
from xlplugin.engine import validate
from xlplugin.engine.totals import compute_totals, line_amount
from xlplugin.rulepack import load_pack

PACK = load_pack()
CLEAN_RAB = 18_000_000 + 25_000_000 + 8_750_000


def _pay(row, kode_baris, jumlah, tanggal):
    return Realisasi(row=row, tanggal=tanggal, kode_baris=kode_baris, kode_kegiatan=None,
                     uraian="Bayar", jumlah=jumlah, nomor_bukti=f"BKU-{row}")


def test_totals_of_clean_dokumen_per_menu_rincian_kegiatan():
    t = compute_totals(clean_dokumen(), PACK)
    assert (t.pagu, t.total.rab, t.total.realisasi) == (2_000_000_000, CLEAN_RAB, 18_000_000)
    for j in (t.menu["A"], t.rincian["A.1"], t.kegiatan["K01"]):
        assert (j.rab, j.realisasi, j.sisa) == (CLEAN_RAB, 18_000_000, CLEAN_RAB - 18_000_000)
        assert j.persen_realisasi == Decimal("34.78")  # 18 / 51,75
    assert set(t.menu) == set("ABCD") and len(t.rincian) == 17
    assert t.menu["B"].rab == 0 and t.menu["B"].persen_realisasi is None
    assert t.persen_rab_pagu == Decimal("2.59")


def test_totals_amounts_are_ints():
    t = compute_totals(clean_dokumen(), PACK)
    assert all(type(v) is int for v in (t.total.rab, t.total.realisasi, t.menu["A"].rab,
                                        *t.total.realisasi_semester.values()))


def test_rab_total_falls_back_to_round_volume_times_harga_without_cached_jumlah():
    doc = clean_dokumen()
    for line in doc.rab:
        line.jumlah = None
    assert compute_totals(doc, PACK).total.rab == CLEAN_RAB


def test_one_third_of_a_million_stays_whole_rupiah():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    doc.rab = [rab_line(k, 6, "R001", "ATK kegiatan", Decimal(1) / 3, 1_000_000, jumlah=None),
               rab_line(k, 7, "R002", "ATK kegiatan", Decimal("0.3333"), 1_000_000,
                        jumlah=None)]
    assert [line_amount(line) for line in doc.rab] == [333_333, 333_300]
    t = compute_totals(doc, PACK)
    assert t.total.rab == 666_633 and type(t.total.rab) is int
    doc.realisasi = [_pay(6, "R001", 111_111, date(2023, 5, 1))]
    assert compute_totals(doc, PACK).kegiatan["K01"].persen_realisasi == Decimal("16.67")


def test_realisasi_split_by_pack_semesters():
    doc = clean_dokumen()
    doc.realisasi.append(_pay(7, "R002", 5_000_000, date(2023, 7, 1)))
    doc.realisasi.append(_pay(8, "R002", 1_000_000, date(2023, 6, 30)))
    t = compute_totals(doc, PACK)
    assert t.kegiatan["K01"].realisasi_semester == {"1": 19_000_000, "2": 5_000_000}
    assert t.menu["A"].realisasi == 24_000_000


def test_unknown_codes_count_in_the_grand_total_only():
    doc = clean_dokumen()
    doc.realisasi.append(_pay(7, "R999", 700_000, date(2023, 8, 1)))
    doc.rab.append(rab_line(doc.kegiatan[0], 9, "R009", "ATK kegiatan", 1, 50_000,
                            kode_kegiatan="K99"))
    t = compute_totals(doc, PACK)
    assert (t.total.realisasi, t.realisasi_tak_terpetakan) == (18_700_000, 700_000)
    assert (t.total.rab, t.rab_tak_terpetakan) == (CLEAN_RAB + 50_000, 50_000)
    assert t.menu["A"].realisasi == 18_000_000 and t.menu["A"].rab == CLEAN_RAB


def test_amounts_go_to_the_kak_rincian_and_its_menu():
    doc = clean_dokumen()
    k2 = kegiatan("C.1", row=7, kode="K02")
    doc.kegiatan.append(k2)
    doc.rab.append(rab_line(k2, 9, "R009", "Biaya pameran/promosi", 1, 40_000_000))
    doc.realisasi.append(_pay(7, "R009", 30_000_000, date(2023, 9, 1)))
    t = compute_totals(doc, PACK)
    assert (t.rincian["C.1"].rab, t.menu["C"].rab, t.menu["C"].realisasi) == (
        40_000_000, 40_000_000, 30_000_000)
    assert t.menu["C"].persen_realisasi == Decimal("75.00")
    assert t.rincian["A.1"].rab == CLEAN_RAB


def test_capaian_a1_counts_only_peserta_tuntas():
    doc = clean_dokumen()
    for p in doc.peserta[:3]:
        p.tuntas = False
    doc.peserta[3].tuntas = None  # not recorded: not counted either
    c = compute_totals(doc, PACK).capaian_kegiatan["K01"]
    assert (c.target, c.keluaran, c.satuan) == (25, 21, "orang")  # realisasi_keluaran 25 ignored
    assert c.persen == Decimal("84.00")


def test_capaian_outside_training_rincian_uses_realisasi_keluaran():
    doc = clean_dokumen()
    doc.kegiatan.append(kegiatan("A.3", row=7, kode="K03", realisasi_keluaran=4))
    c = compute_totals(doc, PACK).capaian_kegiatan["K03"]
    assert (c.target, c.keluaran, c.satuan) == (5, 4, "IKM")


def test_capaian_per_rincian_adds_its_activities():
    doc = clean_dokumen()
    k2 = kegiatan("A.1", row=7, kode="K02", target_keluaran=20)
    doc.kegiatan.append(k2)
    doc.peserta += peserta(k2, 10, first_row=31)
    t = compute_totals(doc, PACK)
    r = t.capaian_rincian["A.1"]
    assert (r.target, r.keluaran, r.persen) == (45, 35, Decimal("77.78"))


def test_capaian_counts_completed_participants_and_a_typed_output_above_them_is_flagged():
    """RULES.md CAPAIAN-KELUARAN: capaian counts the participants who completed; a
    Realisasi Keluaran typed above that count is a finding (equal passes)."""
    doc = clean_dokumen()
    doc.peserta[0].tuntas = False
    assert compute_totals(doc, PACK).capaian_kegiatan["K01"].keluaran == 24
    k01 = next(k for k in doc.kegiatan if k.kode_kegiatan == "K01")
    assert k01.realisasi_keluaran == 25
    flagged = [f for f in validate(doc) if f.rule == "CAPAIAN-KELUARAN"]
    assert [(f.sheet, f.level) for f in flagged] == [("KAK", PACK.rules["CAPAIAN-KELUARAN"].severity)]
    k01.realisasi_keluaran = 24
    assert not [f for f in validate(doc) if f.rule == "CAPAIAN-KELUARAN"]


def test_totals_survive_bad_records():
    from xlplugin.domain.values import Invalid
    doc = clean_dokumen()
    doc.rab[0].volume, doc.rab[0].jumlah = Invalid("dua", "bukan angka"), None
    doc.realisasi.append(_pay(7, "R002", Invalid("x", "bukan nilai rupiah"), None))
    doc.realisasi.append(_pay(8, "R002", 100, Invalid("kemarin", "bukan tanggal")))
    doc.kegiatan[0].target_keluaran = Invalid("banyak", "bukan bilangan bulat")
    t = compute_totals(doc, PACK)
    assert t.total.rab == CLEAN_RAB - 18_000_000
    assert t.total.realisasi == 18_000_100 and t.total.realisasi_semester["1"] == 18_000_000
    assert t.capaian_kegiatan["K01"].persen is None
