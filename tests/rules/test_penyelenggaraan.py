"""Section 2 of RULES.md, place, organisers and output: LUAR-DAERAH, PANITIA-10,
KOORDINATOR, KELUARAN; and every default activity clean of section 2."""

import pytest
from factories import kegiatan, logbook, pendamping, peserta, profil, sentra
from rulecheck import fired, where

from xlplugin.cli.rules_cmd import rule_status
from xlplugin.domain.finding import Severity
from xlplugin.domain.records import Dokumen
from xlplugin.domain.values import Invalid
from xlplugin.engine import validate
from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack

LAYOUT = load_layout()
KAK, PENDAMPING = LAYOUT.tables["KAK"], LAYOUT.tables["Pendamping"]
PEL, PER = Severity.PELANGGARAN, Severity.PERINGATAN

SECTION_2_RULES = [
    "JPL-A1", "JPL-A2", "STUDI-HARI", "STUDI-KUNJUNGAN", "BULAN-A3", "KUNJUNGAN-A3",
    "BULAN-A4", "TKDN-HARI", "JPL-B1", "JPL-B2", "BULAN-B3", "KUNJUNGAN-B3", "JPL-B4",
    "BULAN-C1", "BULAN-C2", "BULAN-C3", "KUNJUNGAN-C3", "BULAN-D1", "JPL-D2", "BULAN-D3",
    "BULAN-D4", "METODE-PROPORSI", "METODE-TATAP-MUKA", "LUAR-DAERAH", "PANITIA-10",
    "KOORDINATOR", "PAMERAN-NASIONAL", "KELUARAN", "VARIAN",
]


def dok(*items, peserta_rows=(), pendamping_rows=(), jadwal=()) -> Dokumen:
    return Dokumen(profil=profil(), sentra=[sentra()], kegiatan=list(items),
                   peserta=list(peserta_rows), pendamping=list(pendamping_rows),
                   jadwal=list(jadwal))


# ---------------------------------------------------------------- every default activity
def koordinator_rows(k) -> list:
    """The Pendamping rows KOORDINATOR wants for the activity's rincian."""
    rows = []
    if k.rincian in ("A.3", "C.3", "D.3"):
        rows.append(pendamping(k, row=6, peran="Koordinator"))
    if k.rincian in ("C.3", "D.3"):
        rows.append(pendamping(k, row=7, peran="Wakil koordinator"))
    return rows


@pytest.mark.parametrize("rincian", list(load_pack().rincian))
def test_default_activity_of_each_rincian_fires_no_section_2_rule(rincian):
    k = kegiatan(rincian)
    jadwal = logbook(k) if rincian == "A.3" else []
    doc = dok(k, pendamping_rows=koordinator_rows(k), jadwal=jadwal)
    assert [(f.rule, f.cell, f.message) for f in validate(doc)
            if f.rule in SECTION_2_RULES] == []


def test_every_section_2_rule_is_implemented():
    rows, _missing, _path = rule_status(2023)
    status = {rid: st for rid, _sev, _clause, st, _title in rows}
    assert {rid: status.get(rid) for rid in SECTION_2_RULES} == dict.fromkeys(
        SECTION_2_RULES, "diterapkan")


def test_section_2_rules_are_in_the_pack_as_section_2():
    pack = load_pack()
    assert sorted(r.id for r in pack.rules.values() if r.section == "2") == sorted(
        SECTION_2_RULES)


def test_koordinator_rincian_are_known_to_the_pack():
    pack = load_pack()
    assert set(pack.rules["KOORDINATOR"].params["peran"]) <= set(pack.rincian)


# ---------------------------------------------------------------- LUAR-DAERAH
def test_luar_daerah_without_reason_warns_at_alasan():
    [f] = fired(dok(kegiatan("B.1", row=9, luar_daerah=True)), "LUAR-DAERAH")
    assert where(f) == (PER, "KAK", KAK.cell("alasan_luar_daerah", 9))


def test_luar_daerah_with_reason_is_compliant():
    k = kegiatan("B.1", luar_daerah=True, alasan_luar_daerah="OJT di kawasan industri Batang")
    assert fired(dok(k), "LUAR-DAERAH") == []


def test_luar_daerah_inside_the_kab_kota_needs_no_reason():
    assert fired(dok(kegiatan("B.1", luar_daerah=False)), "LUAR-DAERAH") == []


def test_luar_daerah_unreadable_warns_kosong_at_luar_daerah():
    k = kegiatan("B.1", luar_daerah=Invalid("mungkin", "harus Ya atau Tidak"))
    [f] = fired(dok(k), "LUAR-DAERAH")
    assert where(f) == (PER, "KAK", KAK.cell("luar_daerah", 6))
    assert "mungkin" in f.message


# ---------------------------------------------------------------- PANITIA-10
def luar(rincian, **over):
    return kegiatan(rincian, luar_daerah=True, alasan_luar_daerah="Kunjungan ke industri",
                    **over)


@pytest.mark.parametrize("rincian", ["A.1", "A.2", "A.4", "B.1", "B.2", "B.4", "C.1", "D.2"])
def test_panitia_10_more_than_10_percent_of_participants_fires(rincian):
    [f] = fired(dok(luar(rincian, target_peserta=20, panitia_pendamping=3)), "PANITIA-10")
    assert where(f) == (PEL, "KAK", KAK.cell("panitia_pendamping", 6))
    assert "20 peserta" in f.message and "2 orang" in f.message


def test_panitia_10_exactly_10_percent_is_compliant():
    assert fired(dok(luar("A.1", target_peserta=20, panitia_pendamping=2)), "PANITIA-10") == []


def test_panitia_10_studi_banding_is_included():
    k = luar("A.2", varian="Studi banding", target_peserta=25, panitia_pendamping=3)
    assert len(fired(dok(k), "PANITIA-10")) == 1


def test_panitia_10_counts_the_peserta_list_when_it_is_longer():
    k = luar("A.1", target_peserta=20, panitia_pendamping=3)
    assert fired(dok(k, peserta_rows=peserta(k, 30)), "PANITIA-10") == []


def test_panitia_10_inside_the_kab_kota_has_no_limit():
    k = kegiatan("A.1", target_peserta=20, panitia_pendamping=10)
    assert fired(dok(k), "PANITIA-10") == []


def test_panitia_10_not_for_other_rincian():
    k = luar("A.3", target_peserta=5, panitia_pendamping=5)
    assert fired(dok(k, jadwal=logbook(k)), "PANITIA-10") == []


def test_panitia_10_empty_panitia_fires_kosong():
    [f] = fired(dok(luar("D.2", panitia_pendamping=None)), "PANITIA-10")
    assert where(f) == (PEL, "KAK", KAK.cell("panitia_pendamping", 6))


def test_panitia_10_no_participants_known_fires_kosong_at_target():
    [f] = fired(dok(luar("C.1", target_peserta=None, panitia_pendamping=1)), "PANITIA-10")
    assert where(f) == (PEL, "KAK", KAK.cell("target_peserta", 6))


# ---------------------------------------------------------------- KOORDINATOR
def test_koordinator_a3_without_koordinator_warns_at_the_activity():
    k = kegiatan("A.3", row=8)
    doc = dok(k, pendamping_rows=[pendamping(k)], jadwal=logbook(k))
    [f] = fired(doc, "KOORDINATOR")
    assert where(f) == (PER, "KAK", KAK.cell("kode_kegiatan", 8))
    assert "Koordinator" in f.message


def test_koordinator_a3_may_have_several():
    k = kegiatan("A.3")
    rows = [pendamping(k, row=6 + i, peran="Koordinator") for i in range(2)]
    assert fired(dok(k, pendamping_rows=rows, jadwal=logbook(k)), "KOORDINATOR") == []


@pytest.mark.parametrize("rincian", ["C.3", "D.3"])
def test_koordinator_second_koordinator_warns_at_its_peran_cell(rincian):
    k = kegiatan(rincian)
    rows = koordinator_rows(k) + [pendamping(k, row=8, peran="koordinator")]
    [f] = fired(dok(k, pendamping_rows=rows), "KOORDINATOR")
    assert where(f) == (PER, "Pendamping", PENDAMPING.cell("peran", 8))


@pytest.mark.parametrize("rincian", ["C.3", "D.3"])
def test_koordinator_missing_wakil_warns_at_the_activity(rincian):
    k = kegiatan(rincian)
    [f] = fired(dok(k, pendamping_rows=koordinator_rows(k)[:1]), "KOORDINATOR")
    assert where(f) == (PER, "KAK", KAK.cell("kode_kegiatan", 6))
    assert "Wakil koordinator" in f.message


# ---------------------------------------------------------------- KELUARAN
@pytest.mark.parametrize("target", [0, -1])
def test_keluaran_target_not_above_zero_warns(target):
    [f] = fired(dok(kegiatan("A.1", target_keluaran=target)), "KELUARAN")
    assert where(f) == (PER, "KAK", KAK.cell("target_keluaran", 6))


@pytest.mark.parametrize("target", [None, Invalid("dua lima", "bukan bilangan bulat")])
def test_keluaran_target_empty_or_unreadable_warns_kosong(target):
    [f] = fired(dok(kegiatan("A.1", target_keluaran=target)), "KELUARAN")
    assert where(f) == (PER, "KAK", KAK.cell("target_keluaran", 6))
    assert "orang" in f.message


@pytest.mark.parametrize(("rincian", "satuan"), [("A.3", "orang"), ("B.3", "dokumen"),
                                                 ("A.1", None)])
def test_keluaran_wrong_or_empty_unit_warns_at_satuan(rincian, satuan):
    k = kegiatan(rincian, satuan_keluaran=satuan)
    doc = dok(k, pendamping_rows=koordinator_rows(k), jadwal=logbook(k) if rincian == "A.3" else [])
    [f] = fired(doc, "KELUARAN")
    assert where(f) == (PER, "KAK", KAK.cell("satuan_keluaran", 6))
    assert f"'{load_pack().rincian[rincian].keluaran}'" in f.message


def test_keluaran_unit_compared_without_case_or_spaces():
    assert fired(dok(kegiatan("C.2", satuan_keluaran=" sentra ")), "KELUARAN") == []
