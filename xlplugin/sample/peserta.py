"""The sample's 120 participant rows (Peserta sheet), built from one seed.

Groups follow the KAK targets; the A.3 participants are ten of the A.2 tenun
graduates (same people, same NIK), as the juknis prefers. One A.1 participant is
over 50 on the first day: the deliberate PESERTA-USIA breach.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.records import Peserta
from .people import People, Person
from .plan import KAB, SENTRA

PANGAN = (
    "Keripik",
    "Dodol",
    "Rengginang",
    "Kue Kering",
    "Sambal",
    "Abon",
    "Kerupuk",
    "Opak",
    "Wajit",
    "Sale Pisang",
    "Manisan",
    "Emping",
)
TENUN = ("Tenun Ikat", "Kain Tenun", "Songket", "Tenun")
MEREK = (
    "Mekar Sari",
    "Sekar Arum",
    "Barokah",
    "Sumber Rejeki",
    "Cahaya",
    "Lestari",
    "Berkah Jaya",
    "Putri",
    "Mandiri",
    "Sejahtera",
    "Sari Rasa",
    "Melati",
    "Anugerah",
    "Tunas Harapan",
    "Citra",
    "Nusa Indah",
    "Rizki",
    "Sinar Pagi",
)
PENDIDIKAN = ("SD", "SMP", "SMA/SMK", "SMA/SMK", "SMA/SMK", "Diploma III", "S1")
# Born between these dates: 19-47 years old in 2023, inside the 17-50 rule.
PRODUKTIF = (date(1975, 3, 1), date(2003, 12, 31))
OVER_50_BORN = date(1971, 9, 14)  # BREACH PESERTA-USIA: 51 on 6 Feb 2023
OVER_50_INDEX = 17  # position within K01's list
PENDAMPING_A3 = (
    ("Nur Aini Lestari, A.Md.",) * 4
    + ("Wahyu Saputra, S.Sn.",) * 3
    + ("Yanti Simanjuntak, S.Ds.",) * 3
)


@dataclass
class Member:
    """One IKM owner (or manager) of a sentra, as the Peserta sheet records them."""

    person: Person
    sentra: str
    nama_ikm: str
    nib: str | None
    pendidikan: str
    peran: str = "IKM"


class Roster:
    def __init__(self, people: People):
        self.people = people
        self.rng = people.rng
        self.ikm_names: set[str] = set()

    def member(
        self,
        sentra: str,
        *,
        peran: str = "IKM",
        born: date | None = None,
        born_range: tuple[date, date] = PRODUKTIF,
    ) -> Member:
        tenun = SENTRA[sentra]["komoditi"] == "Tenun"
        jk = "P" if self.rng.random() < (0.8 if tenun else 0.6) else "L"
        person = self.people.person(
            *born_range, jenis_kelamin=jk, born=born, kecamatan=1 if tenun else 4
        )
        calon = peran == "Calon wirausaha IKM"
        return Member(
            person,
            sentra,
            self._ikm_name(tenun, person),
            None if calon else self.people.nib(),
            self.rng.choice(PENDIDIKAN),
            peran,
        )

    def _ikm_name(self, tenun: bool, person: Person) -> str:
        prefix = self.rng.choice(TENUN if tenun else PANGAN)
        name = f"{prefix} {self.rng.choice(MEREK)}"
        if name in self.ikm_names:
            name = f"{name} {person.nama.split()[0]}"
        self.ikm_names.add(name)
        return name


def row(r: int, kode: str, m: Member, **over) -> Peserta:
    base = {
        "kode_kegiatan": kode,
        "nama": m.person.nama,
        "nik": m.person.nik,
        "jenis_kelamin": m.person.jenis_kelamin,
        "tanggal_lahir": m.person.tanggal_lahir,
        "pendidikan": m.pendidikan,
        "kab_kota_asal": KAB,
        "kode_sentra": m.sentra,
        "peran": m.peran,
        "nama_ikm": m.nama_ikm,
        "nib": m.nib,
        "bersedia_nib": True if m.nib is None else None,
        "jual_domestik": True,
        "riwayat_pelatihan": None,
        "pendamping": None,
        "tuntas": True,
    }
    base.update(over)
    return Peserta(row=r, **base)


def peserta(first_row: int, people: People) -> list[Peserta]:
    roster = Roster(people)
    groups: list[tuple[str, list[Member], dict]] = []
    k01 = [
        roster.member(
            "S02",
            peran="Calon wirausaha IKM" if i in (5, 12, 21) else "IKM",
            born=OVER_50_BORN if i == OVER_50_INDEX else None,
        )
        for i in range(25)
    ]
    groups.append(("K01", k01, {}))
    k02 = [roster.member("S01") for _ in range(20)]
    groups.append(("K02", k02, {}))
    groups.append(("K03", [roster.member("S02") for _ in range(20)], {}))
    groups.append(("K04", k02[:10], {"riwayat_pelatihan": "A.2 (Maret 2023)"}))
    pengelola = [
        roster.member(
            "S01" if i < 8 else "S02",
            peran="Pengelola sentra",
            born_range=(date(1968, 1, 1), date(1992, 12, 31)),
        )
        for i in range(15)
    ]
    groups.append(("K06", pengelola, {}))
    groups.append(("K08", [roster.member("S01") for _ in range(10)], {}))
    groups.append(("K11", [roster.member("S01" if i % 2 else "S02") for i in range(20)], {}))

    rows: list[Peserta] = []
    for kode, members, extra in groups:
        for i, m in enumerate(members):
            over = dict(extra)
            if kode == "K04":
                over["pendamping"] = PENDAMPING_A3[i]
            rows.append(row(first_row + len(rows), kode, m, **over))
    return rows
