"""One row of the rekap: what one kab/kota's workbook planned, spent and breaks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..domain.finding import Finding


@dataclass
class RingkasanFile:
    file: str
    provinsi: str = ""
    kab_kota: str = ""
    pagu: int = 0
    total_rab: int = 0
    realisasi: int = 0
    persen_realisasi: Decimal | None = None
    per_menu: dict[str, int] = field(default_factory=dict)
    per_rincian: dict[str, int] = field(default_factory=dict)
    realisasi_menu: dict[str, int] = field(default_factory=dict)
    target_rincian: dict[str, int] = field(default_factory=dict)
    capaian_rincian: dict[str, int] = field(default_factory=dict)
    temuan: list[Finding] = field(default_factory=list)
    tanggal_laporan: dict[str, object] = field(default_factory=dict)
    galat: str | None = None  # why the file could not be read

    @property
    def terbaca(self) -> bool:
        return self.galat is None

    def jumlah_temuan(self) -> Counter:
        return Counter(f.level for f in self.temuan if f.is_open)
