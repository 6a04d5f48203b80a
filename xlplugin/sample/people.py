"""Fictional people for the sample: names, NIK, NIB, birth dates, all from one seed.

NIKs are well-formed (16 digits: region, birth date with +40 on the day for women,
serial) but fake: province code 99 does not exist. Residents of the sample kab/kota
get region 9999xx; people from elsewhere 9998xx.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

SEED = 20230707

GIVEN_L = (
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurnia",
    "Lukman",
    "Rizky",
    "Slamet",
    "Taufik",
    "Wahyu",
    "Yusuf",
    "Asep",
    "Bambang",
    "Dimas",
    "Gilang",
    "Hadi",
    "Iwan",
    "Rahmat",
    "Sigit",
    "Teguh",
    "Ujang",
    "Yogi",
    "Andri",
    "Dani",
    "Arif",
    "Bayu",
    "Cahyo",
    "Deni",
    "Hasan",
    "Imam",
    "Nanang",
    "Rudi",
    "Sutrisno",
    "Wawan",
)
GIVEN_P = (
    "Ani",
    "Dewi",
    "Endang",
    "Fitri",
    "Indah",
    "Kartika",
    "Lina",
    "Maya",
    "Nur",
    "Putri",
    "Ratna",
    "Sri",
    "Tuti",
    "Wulan",
    "Yanti",
    "Ayu",
    "Dian",
    "Eka",
    "Siti",
    "Rina",
    "Nia",
    "Lilis",
    "Neng",
    "Euis",
    "Yuli",
    "Ika",
    "Rosita",
    "Umi",
    "Wati",
    "Ningsih",
    "Heni",
    "Susi",
    "Mega",
    "Novi",
    "Rahayu",
    "Tini",
    "Yeni",
    "Zahra",
)
FAMILY_L = (
    "Saputra",
    "Pratama",
    "Nugroho",
    "Hidayat",
    "Setiawan",
    "Kurniawan",
    "Santoso",
    "Wibowo",
    "Firmansyah",
    "Ramadhan",
    "Gunawan",
    "Susanto",
    "Prasetyo",
    "Hermawan",
)
FAMILY_P = (
    "Lestari",
    "Rahmawati",
    "Wulandari",
    "Puspitasari",
    "Handayani",
    "Susanti",
    "Anggraini",
    "Permatasari",
    "Yuliani",
    "Kusumawati",
    "Safitri",
    "Maharani",
    "Oktaviani",
    "Fitriani",
)
FAMILY_ANY = (
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Wijaya",
    "Halim",
    "Tanjung",
    "Lubis",
    "Sinaga",
    "Sembiring",
    "Pangaribuan",
    "Manurung",
)


@dataclass(frozen=True)
class Person:
    nama: str
    jenis_kelamin: str  # "L" / "P"
    tanggal_lahir: date
    nik: str


class People:
    """Deterministic person factory: the same calls give the same people every run."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.used_names: set[str] = set()
        self.serial = 0
        self.nib_serial = 0

    def person(
        self,
        born_from: date,
        born_to: date,
        *,
        kecamatan: int | None = None,
        resident: bool = True,
        jenis_kelamin: str | None = None,
        born: date | None = None,
    ) -> Person:
        jk = jenis_kelamin or self.rng.choice("LP")
        nama = self._name(jk)
        day = born or born_from + timedelta(days=self.rng.randrange((born_to - born_from).days))
        kec = kecamatan if kecamatan is not None else self.rng.randrange(1, 8)
        return Person(nama, jk, day, self.nik(day, jk, kec, resident))

    def nib(self) -> str:
        """13-digit NIB in the OSS style (fake)."""
        self.nib_serial += 1
        return f"91203{(self.nib_serial * 7919) % 10**8:08d}"

    def _name(self, jk: str) -> str:
        given = GIVEN_L if jk == "L" else GIVEN_P
        family = (FAMILY_L if jk == "L" else FAMILY_P) + FAMILY_ANY
        while True:
            nama = f"{self.rng.choice(given)} {self.rng.choice(family)}"
            if nama not in self.used_names:
                self.used_names.add(nama)
                return nama

    def nik(self, born: date, jk: str, kecamatan: int = 1, resident: bool = True) -> str:
        self.serial += 1
        region = f"{'9999' if resident else '9998'}{kecamatan:02d}"
        day = born.day + (40 if jk == "P" else 0)
        return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{self.serial:04d}"
