"""Approvals and statements (RULES.md): recorded per limit on the Persetujuan sheet; a
letter resolves PERLU_PERSETUJUAN only with its date and a reason, a statement resolves
PERLU_PENJELASAN with its number, each only for the limit its row names (issue 16
points 3 and 4).

Workbooks of older templates keep one approval slot per activity on the KAK: it counts
for a limit only when its reason names the limit; otherwise a PERINGATAN asks the user
to move the letter to the Persetujuan sheet. The rules here are those of JPL-A1 and
PESERTA-JUMLAH on one A.1 training, and PESERTA-MIN on a B.4 one.
"""

from datetime import date

import pytest
from factories import clean_dokumen
from rulecheck import checked, fired, workbook

from xlplugin.domain.records import Persetujuan
from xlplugin.engine.persetujuan import aturan_id, names_limit
from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack

PACK = load_pack()
KAK = load_layout().tables["KAK"]
NOMOR, TANGGAL = "B/77/IKMA/2023", date(2023, 4, 3)
FIRST = load_layout().tables["Persetujuan"].first_row


def a1(jpl: int = 90, target: int = 18):
    """The clean A.1 training (K01) with `jpl` JPL and `target` participants."""
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    k.jpl, k.target_peserta = jpl, target
    return doc


def approve(doc, aturan: str, *, kode: str = "K01", nomor: str | None = NOMOR,
            tanggal=TANGGAL, alasan: str | None = "Tambahan materi praktik"):
    """A row of the Persetujuan sheet, the limit as its dropdown spells it by default."""
    label = PACK.aturan_label(aturan) if aturan in PACK.rules else aturan
    row = FIRST + len(doc.persetujuan)
    doc.persetujuan.append(Persetujuan(row=row, kode_kegiatan=kode, aturan=label,
                                       nomor_surat=nomor, tanggal_surat=tanggal, alasan=alasan))
    return doc


def slot(doc, alasan: str | None, nomor: str | None = NOMOR, tanggal=TANGGAL):
    """The KAK's single approval slot of older templates."""
    k = doc.kegiatan[0]
    k.nomor_persetujuan, k.tanggal_persetujuan, k.alasan_persetujuan = nomor, tanggal, alasan
    return doc


def levels(doc, rule):
    return [f.level for f in fired(doc, rule)]


# ---------------------------------------------------------------- the Persetujuan sheet
def test_approval_covers_only_its_own_limit():
    """Issue 16 point 3: a letter for 90 JPL does not approve 18 participants too."""
    doc = approve(a1(), "JPL-A1")
    [jpl] = fired(doc, "JPL-A1")
    assert jpl.level == "DISETUJUI" and not jpl.is_blocking
    assert "surat B/77/IKMA/2023 tanggal 03-04-2023" in jpl.message
    [peserta] = fired(doc, "PESERTA-JUMLAH")
    assert peserta.level == "PERLU_PERSETUJUAN" and peserta.is_blocking
    assert "[" not in peserta.message


def test_one_letter_covers_several_limits_when_each_has_its_row():
    doc = approve(approve(a1(), "JPL-A1"), "PESERTA-JUMLAH")
    assert levels(doc, "JPL-A1") == ["DISETUJUI"]
    assert levels(doc, "PESERTA-JUMLAH") == ["DISETUJUI"]


@pytest.mark.parametrize("alasan", [None, "   "])
def test_approval_without_reason_stays_open_and_says_so(alasan):
    """Issue 16 point 4: number and date recorded, reason empty: not DISETUJUI."""
    [f] = fired(approve(a1(), "JPL-A1", alasan=alasan), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and f.is_blocking
    assert "tanpa alasan" in f.message and NOMOR in f.message
    assert f"baris {FIRST}" in f.message


def test_approval_without_date_stays_open_and_says_so():
    [f] = fired(approve(a1(), "JPL-A1", tanggal=None), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "tanpa tanggal" in f.message


def test_approval_without_number_stays_open_and_says_so():
    [f] = fired(approve(a1(), "JPL-A1", nomor=None), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "tanpa nomor" in f.message


def test_approval_of_another_activity_approves_nothing_here():
    [f] = fired(approve(a1(), "JPL-A1", kode="K99"), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "[" not in f.message


def test_approval_of_another_limit_approves_nothing_here():
    [f] = fired(approve(a1(), "JPL-A2"), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "[" not in f.message


def test_a_later_complete_row_approves_though_an_earlier_one_lacks_its_reason():
    doc = approve(approve(a1(), "JPL-A1", alasan=None), "JPL-A1")
    assert levels(doc, "JPL-A1") == ["DISETUJUI"]


@pytest.mark.parametrize("jpl, found", [(85, []), (86, ["DISETUJUI"])])
def test_approval_at_the_limit_and_one_past_it(jpl, found):
    """At 85 JPL there is nothing to approve; at 86 the row approves the finding."""
    assert levels(approve(a1(jpl=jpl, target=25), "JPL-A1"), "JPL-A1") == found


@pytest.mark.parametrize("typed", ["JPL-A1", "jpl-a1", " Jpl-A1 ", "JPL-A1: tambahan",
                                   "jpl pelatihan a.1: 45-85 jpl"])
def test_approval_names_its_limit_as_users_type_it(typed):
    assert levels(approve(a1(target=25), typed), "JPL-A1") == ["DISETUJUI"]


@pytest.mark.parametrize("typed", ["", "JPL", "JPL-A9", "batas JPL-A1", None])
def test_aturan_id_of_a_text_naming_no_rule_is_none(typed):
    assert aturan_id(typed, PACK) is None


def test_approval_list_offers_every_approvable_limit_with_a_readable_label():
    items = PACK.lists()["aturan_persetujuan"]
    assert [aturan_id(i, PACK) for i in items] == list(PACK.resolvable())
    assert "JPL-A1 — persetujuan: JPL pelatihan A.1: 45-85 JPL" in items
    assert any(i.startswith("PESERTA-MIN — pernyataan:") for i in items)
    assert {"JPL-A1", "BULAN-D1", "PESERTA-JUMLAH", "PENDAMPING-RASIO"} <= set(
        PACK.resolvable())
    assert not {"STUDI-HARI", "JPL-B4", "BULAN-B3"} & set(PACK.resolvable())


def b4_below_minimum():
    doc = clean_dokumen()
    k = doc.kegiatan[0]
    k.rincian, k.menu, k.varian, k.target_peserta = "B.4", "B", "-", 12
    doc.peserta = doc.peserta[:12]
    return doc


def test_statement_row_explains_its_minimum_with_its_number_alone():
    doc = b4_below_minimum()
    assert levels(doc, "PESERTA-MIN") == ["PERLU_PENJELASAN"] * 2
    approve(doc, "PESERTA-MIN", nomor="500/45/Disperindag/2023", tanggal=None, alasan=None)
    found = fired(doc, "PESERTA-MIN")
    assert [f.level for f in found] == ["DIJELASKAN"] * 2
    assert all("pernyataan 500/45/Disperindag/2023" in f.message for f in found)


def test_statement_row_without_number_stays_open_and_says_so():
    doc = approve(b4_below_minimum(), "PESERTA-MIN", nomor=None)
    found = fired(doc, "PESERTA-MIN")
    assert [f.level for f in found] == ["PERLU_PENJELASAN"] * 2
    assert all("tanpa nomor" in f.message for f in found)


def test_a_row_takes_precedence_over_the_old_slot():
    doc = slot(approve(a1(target=25), "JPL-A1", alasan=None), alasan="JPL ditambah")
    [f] = fired(doc, "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "tanpa alasan" in f.message


# ---------------------------------------------------------------- the KAK's old slot
def test_old_slot_counts_for_the_limits_its_reason_names():
    doc = slot(a1(), "JPL 90 dan jumlah peserta 18 orang karena sentra kecil")
    assert levels(doc, "JPL-A1") == ["DISETUJUI"]
    assert levels(doc, "PESERTA-JUMLAH") == ["DISETUJUI"]


def test_old_slot_naming_the_rule_id_counts_for_it():
    assert levels(slot(a1(target=25), "Persetujuan atas JPL-A1: materi tambahan"),
                  "JPL-A1") == ["DISETUJUI"]


def test_old_slot_not_naming_a_limit_leaves_it_open_and_asks_to_move_it():
    doc = slot(a1(), "JPL 90 karena materi pengemasan ditambahkan")
    assert levels(doc, "JPL-A1") == ["DISETUJUI"]
    found = fired(doc, "PESERTA-JUMLAH")
    [still] = [f for f in found if f.level == "PERLU_PERSETUJUAN"]
    assert "tidak menyebut batasan ini" in still.message and "'peserta'" in still.message
    [move] = [f for f in found if f.level == "PERINGATAN"]
    assert (move.sheet, move.cell) == (KAK.sheet, KAK.cell("nomor_persetujuan", 6))
    assert "sheet Persetujuan" in move.message and NOMOR in move.message


@pytest.mark.parametrize("alasan", [None, " "])
def test_old_slot_without_reason_stays_open_and_asks_to_move_it(alasan):
    found = fired(slot(a1(target=25), alasan), "JPL-A1")
    assert sorted(f.level for f in found) == ["PERINGATAN", "PERLU_PERSETUJUAN"]
    [still] = [f for f in found if f.is_blocking]
    assert "tanpa alasan" in still.message and "sheet Persetujuan" in still.message


def test_old_slot_without_date_approves_nothing_and_asks_to_move_it():
    found = fired(slot(a1(target=25), "Tambahan JPL", tanggal=None), "JPL-A1")
    assert sorted(f.level for f in found) == ["PERINGATAN", "PERLU_PERSETUJUAN"]
    [still] = [f for f in found if f.is_blocking]
    assert "tanpa tanggal" in still.message


def test_empty_old_slot_adds_nothing():
    [f] = fired(slot(a1(target=25), None, nomor=None, tanggal=None), "JPL-A1")
    assert f.level == "PERLU_PERSETUJUAN" and "[" not in f.message


def test_old_slot_with_nothing_to_approve_adds_nothing():
    assert fired(slot(clean_dokumen(), "tanpa kaitan"), "JPL-A1") == []


@pytest.mark.parametrize("reason, named", [
    ("tambahan 12 jpl praktik", True),
    ("JPL.", True),
    ("JPL-A2 disetujui", False),  # another rule's ID is not this limit
    ("JPLX", False),
    ("jangka waktu", False),
])
def test_names_limit_reads_whole_words_in_any_case(reason, named):
    assert names_limit(reason, "JPL-A1", ("JPL", "jam pelajaran")) is named


def test_old_statement_slot_still_resolves_a_minimum():
    doc = b4_below_minimum()
    doc.kegiatan[0].nomor_pernyataan = "500/45/Disperindag/2023"
    assert levels(doc, "PESERTA-MIN") == ["DIJELASKAN"] * 2


# ---------------------------------------------------------------- through the CLI
def test_approval_per_limit_read_from_a_built_workbook(tmp_path, capsys):
    doc = approve(approve(a1(), "JPL-A1"), "PESERTA-JUMLAH", alasan=None)
    code, found = checked(workbook(doc, tmp_path / "wb"), capsys)
    by_rule = {}
    for f in found:
        by_rule.setdefault(f["rule"], []).append(f["severity"])
    assert by_rule["JPL-A1"] == ["DISETUJUI"]
    assert set(by_rule["PESERTA-JUMLAH"]) == {"PERLU_PERSETUJUAN"}
    assert code == 1


def test_workbook_without_the_persetujuan_sheet_reads_its_old_slot(tmp_path, capsys):
    """A workbook of an older template: no Persetujuan sheet, the KAK slot filled."""
    import openpyxl

    path = workbook(slot(a1(target=25), "Tambahan 5 JPL praktik"), tmp_path / "lama")
    wb = openpyxl.load_workbook(path, keep_vba=True)
    del wb["Persetujuan"]
    wb.save(path)
    _, found = checked(path, capsys)
    assert [f["severity"] for f in found if f["rule"] == "JPL-A1"] == ["DISETUJUI"]
    assert not [f for f in found if f["rule"].startswith("BACA-")
                and "Persetujuan" in f["message"]]


def test_rows_bound_without_the_persetujuan_table_hold_no_approvals():
    """The live check may not pass the Persetujuan table: an absent table is no rows."""
    from xlplugin.layout.binding import bind_dokumen

    doc = bind_dokumen(load_layout(), {}, {"KAK": [(6, {"kode_kegiatan": "K01"})]})
    assert doc.persetujuan == [] and doc.kegiatan[0].kode_kegiatan == "K01"
    assert levels(slot(a1(target=25), "Tambahan JPL"), "JPL-A1") == ["DISETUJUI"]
