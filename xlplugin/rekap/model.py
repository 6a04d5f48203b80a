"""The consolidated result of one rekap run, as data: every output format reads this."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..rulepack.model import RulePack
from .duplicates import Duplicate
from .summary import RingkasanFile


@dataclass
class Rekap:
    pack: RulePack
    folder: str
    files: list[RingkasanFile] = field(default_factory=list)  # every file found, sorted
    duplikat: list[Duplicate] = field(default_factory=list)

    @property
    def terbaca(self) -> list[RingkasanFile]:
        return [f for f in self.files if f.terbaca]

    @property
    def gagal(self) -> list[RingkasanFile]:
        return [f for f in self.files if not f.terbaca]

    @property
    def bukan_templat(self) -> list[RingkasanFile]:
        """Other workbooks and formats found in the folder: listed, never counted."""
        return [f for f in self.files if f.bukan_templat]

    @property
    def ganda(self) -> list[list[RingkasanFile]]:
        """Files naming the same kab/kota: a revision sent next to the first version would
        otherwise be counted twice."""
        groups: dict[tuple[str, str], list[RingkasanFile]] = defaultdict(list)
        for f in self.terbaca:
            if f.kab_kota:
                groups[(_norm(f.provinsi), _norm(f.kab_kota))].append(f)
        return [g for g in groups.values() if len(g) > 1]

    @property
    def bermasalah(self) -> list[RingkasanFile]:
        """Files not read at all or read only in part: the reviewer must ask again."""
        return [f for f in self.files if not f.terbaca or f.terbaca_sebagian]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
