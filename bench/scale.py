"""A synthetic Dokumen of a given size, grown from the shipped sample.

The sample (12 kegiatan, ~150 RAB lines, ~120 peserta) is copied `copies` times with
fresh codes and NIKs, so every copy is a plausible set of activities of its own. Each
copy's RAB and Peserta tables are then filled up to the requested size by repeating
lines of the same activities (new kode_baris; new NIK), because the issue's sizes
(2,000 RAB / 3,000 peserta) hold more people per activity than the sample: those
extra peserta make PESERTA-JUMLAH fire on the trainings, as they would in a real
workbook that lists too many people. Rows are renumbered to stay contiguous.
"""

from __future__ import annotations

import copy as _copy
from dataclasses import dataclass

from xlplugin.domain.records import TABLE_ATTR, Dokumen
from xlplugin.engine import validate
from xlplugin.layout import load_layout
from xlplugin.sample import sample_dokumen
from xlplugin.sample.build import fill_formula_fields

# Peserta are padded onto the classroom activities only: A.3 / B.3 / D.x lists feed
# rules about mentoring and prerequisites that a copied person would distort.
PADDED_RINCIAN = ("A.1", "A.2", "B.1", "C.1", "D.2")


@dataclass(frozen=True)
class Size:
    name: str
    copies: int  # times the sample's 12 activities are repeated
    rab: int | None  # RAB lines in total (None: as the copies give)
    peserta: int | None
    narasumber: int | None = None


# Copies are chosen so every table but RAB/Peserta stays inside the layout's
# capacities at small and large (KAK 100, Jadwal 1,500 rows: 5 copies = 60 / 1,275).
SIZES = {
    "tiny": Size("tiny", 1, None, None),
    "small": Size("small", 1, 200, 300),
    "large": Size("large", 5, 2_000, 3_000, 100),  # issue 2's 2,000 / 3,000 / 100
    "xlarge": Size("xlarge", 50, 20_000, 30_000, 1_000),
}


def scaled_dokumen(size: Size | str) -> Dokumen:
    size = SIZES[size] if isinstance(size, str) else size
    base = sample_dokumen()
    clean = _clean_rows(base)
    parts = [_copy_of(base, c) for c in range(size.copies)]
    doc = Dokumen(
        profil=_copy.deepcopy(base.profil),
        sentra=_copy.deepcopy(base.sentra),
        kegiatan=[k for p in parts for k in p.kegiatan],
        rab=_pad(parts, "rab", size.rab, clean["RAB"], _next_kode_baris),
        ssh=_copy.deepcopy(base.ssh),
        peserta=_pad(parts, "peserta", size.peserta, clean["Peserta"], _new_person),
        narasumber=_pad(parts, "narasumber", size.narasumber, clean["Narasumber"], _new_person),
        pendamping=[r for p in parts for r in p.pendamping],
        jadwal=[r for p in parts for r in p.jadwal],
        realisasi=[r for p in parts for r in p.realisasi],
    )
    _renumber(doc)
    fill_formula_fields(doc)
    _scale_pagu(doc, base)
    return doc


def _copy_of(base: Dokumen, c: int) -> Dokumen:
    """Copy `c` of the sample: kegiatan K01..K12 become K{12c+1}..; people get new NIKs."""
    doc = _copy.deepcopy(base)
    if c == 0:
        return doc
    codes = {k.kode_kegiatan: f"K{12 * c + i + 1:02d}" for i, k in enumerate(doc.kegiatan)}
    baris = {}
    for k in doc.kegiatan:
        k.kode_kegiatan = codes[k.kode_kegiatan]
    for line in doc.rab:
        new = codes[line.kode_kegiatan] + line.kode_baris[len(line.kode_kegiatan):]
        baris[line.kode_baris], line.kode_baris = new, new
        line.kode_kegiatan = codes[line.kode_kegiatan]
    for pay in doc.realisasi:
        pay.kode_baris = baris.get(pay.kode_baris, pay.kode_baris)
        pay.kode_kegiatan = codes.get(pay.kode_kegiatan, pay.kode_kegiatan)
    for table in (doc.peserta, doc.narasumber, doc.pendamping, doc.jadwal):
        for r in table:
            r.kode_kegiatan = codes.get(r.kode_kegiatan, r.kode_kegiatan)
    for table in (doc.peserta, doc.narasumber, doc.pendamping):
        for r in table:
            r.nik = _other_nik(r.nik, c)
    return doc


def _other_nik(nik: str | None, salt: int) -> str | None:
    """Same region and birth date, another 4-digit serial (NIK = 6 + 6 + 4 digits)."""
    if not isinstance(nik, str) or len(nik) != 16:
        return nik
    return f"{nik[:12]}{(int(nik[12:]) + 397 * salt) % 10_000:04d}"


def _clean_rows(base: Dokumen) -> dict[str, set[int]]:
    """Rows of each table where the sample has no finding: the only rows repeated,
    so padding does not multiply the sample's deliberate breaches."""
    layout = load_layout()
    flagged = {(f.sheet, f.row) for f in validate(base)}
    return {key: {r.row for r in getattr(base, TABLE_ATTR[key])
                  if (layout.tables[key].sheet, r.row) not in flagged}
            for key in ("RAB", "Peserta", "Narasumber")}


def _pad(parts: list[Dokumen], attr: str, total: int | None, clean_rows: set[int],
         renew) -> list:
    """Each copy's records of `attr`, topped up to its share of `total` by repeating
    clean records (peserta only those of classroom activities)."""
    if total is None:
        return [r for p in parts for r in getattr(p, attr)]
    out = []
    for c, part in enumerate(parts):
        records = getattr(part, attr)
        want = _share(total, len(parts), c)
        rows = list(records[:want])
        donors = [r for r in records if r.row in clean_rows and _may_repeat(part, attr, r)]
        for i in range(want - len(rows)):
            rows.append(renew(_copy.copy(donors[i % len(donors)]), rows, part, c, i))
        out.extend(rows)
    return out


def _may_repeat(part: Dokumen, attr: str, record) -> bool:
    if attr != "peserta":
        return True
    rincian = {k.kode_kegiatan: k.rincian for k in part.kegiatan}
    return rincian.get(record.kode_kegiatan) in PADDED_RINCIAN


def _next_kode_baris(line, rows: list, part: Dokumen, c: int, i: int):
    taken = sum(1 for r in rows if r.kode_kegiatan == line.kode_kegiatan)
    line.kode_baris = f"{line.kode_kegiatan}-{taken + 1:02d}"
    return line


def _new_person(person, rows: list, part: Dokumen, c: int, i: int):
    """Another person on the same activity: new NIK, a name from the same copy."""
    person.nik = _other_nik(person.nik, 7 + c * 31 + i)
    names = [r.nama for r in rows]
    person.nama = names[(i * 7 + 3) % len(names)]
    return person


def _share(total: int, parts: int, c: int) -> int:
    return total // parts + (1 if c < total % parts else 0)


def _renumber(doc: Dokumen) -> None:
    """Rows follow each other from the table's first row, grouped by activity."""
    layout = load_layout()
    tables = {"KAK": doc.kegiatan, "RAB": doc.rab, "Peserta": doc.peserta,
              "Narasumber": doc.narasumber, "Pendamping": doc.pendamping,
              "Jadwal": doc.jadwal, "Realisasi": doc.realisasi}
    for key, records in tables.items():
        order = {k.kode_kegiatan: i for i, k in enumerate(doc.kegiatan)}
        if key in ("RAB", "Peserta"):
            records.sort(key=lambda r: order.get(r.kode_kegiatan, len(order)))
        first = layout.tables[key].first_row
        for i, r in enumerate(records):
            r.row = first + i


def _scale_pagu(doc: Dokumen, base: Dokumen) -> None:
    """Keep the sample's headroom between pagu and planned spending."""
    planned = sum(k.anggaran for k in doc.kegiatan)
    base_planned = sum(k.anggaran for k in base.kegiatan)
    doc.profil.pagu = -(-planned * base.profil.pagu // base_planned // 1_000_000) * 1_000_000


def counts(doc: Dokumen) -> dict[str, int]:
    return {name: len(getattr(doc, name)) for name in
            ("kegiatan", "rab", "peserta", "narasumber", "pendamping", "jadwal", "realisasi")}
