"""One row of the rekap: what one kab/kota's workbook planned, spent and breaks.

`ringkas` turns what the engine gives for one file (its Dokumen, its findings, its
`Totals`) into a `RingkasanFile`, the only thing the rekap workbook reads per file.
Amounts come from `engine.totals.compute_totals`, the same totals the file's own
Rekap sheet shows, so the two can never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..domain.finding import Finding
from ..domain.money import percent
from ..domain.records import Dokumen
from ..engine.totals import Totals
from ..io.errors import ReadProblem
from ..io.version import WorkbookVersion
from ..rulepack.model import RulePack
from .tenggat import deadline_fields


@dataclass
class RingkasanFile:
    file: str  # path relative to the rekap folder, as the reviewer finds it
    provinsi: str = ""
    kab_kota: str = ""
    pagu: int | None = None
    total_rab: int = 0
    realisasi: int = 0
    rab_menu: dict[str, int] = field(default_factory=dict)
    realisasi_menu: dict[str, int] = field(default_factory=dict)
    rab_rincian: dict[str, int] = field(default_factory=dict)
    realisasi_rincian: dict[str, int] = field(default_factory=dict)
    target_rincian: dict[str, int] = field(default_factory=dict)
    keluaran_rincian: dict[str, int] = field(default_factory=dict)
    jumlah_kegiatan: int = 0
    temuan: list[Finding] = field(default_factory=list)
    masalah_baca: list[ReadProblem] = field(default_factory=list)
    tanggal_laporan: dict[str, object] = field(default_factory=dict)  # Profil key -> value
    galat: str | None = None  # why the file could not be read at all
    bukan_templat: bool = False  # not a workbook of the template (`galat` says what it is)
    versi: WorkbookVersion | None = None  # what the workbook says it is (None: not read)

    @property
    def terbaca(self) -> bool:
        return self.galat is None

    @property
    def terbaca_sebagian(self) -> bool:
        """Read, but part of it (a sheet, a column) was not found and counts as empty."""
        return self.terbaca and any(p.is_blocking for p in self.masalah_baca)

    @property
    def persen_realisasi(self) -> Decimal | None:
        return percent(self.realisasi, self.total_rab)

    @property
    def persen_rab_pagu(self) -> Decimal | None:
        return percent(self.total_rab, self.pagu) if self.pagu else None

    def jumlah_temuan(self) -> Counter:
        """Open findings per severity (resolved ones are no longer a reviewer's worry)."""
        return Counter(f.severity.value for f in self.temuan if f.is_open)


def ringkas(label: str, doc: Dokumen, findings: list[Finding], totals: Totals,
            pack: RulePack, problems: list[ReadProblem] | None = None,
            versi: WorkbookVersion | None = None) -> RingkasanFile:
    profil = doc.profil
    return RingkasanFile(
        file=label,
        provinsi=_text(profil.provinsi),
        kab_kota=_text(profil.kab_kota),
        pagu=totals.pagu,
        total_rab=totals.total.rab,
        realisasi=totals.total.realisasi,
        rab_menu={k: j.rab for k, j in totals.menu.items()},
        realisasi_menu={k: j.realisasi for k, j in totals.menu.items()},
        rab_rincian={k: j.rab for k, j in totals.rincian.items()},
        realisasi_rincian={k: j.realisasi for k, j in totals.rincian.items()},
        target_rincian={k: c.target for k, c in totals.capaian_rincian.items()},
        keluaran_rincian={k: c.keluaran for k, c in totals.capaian_rincian.items()},
        jumlah_kegiatan=sum(1 for k in doc.kegiatan if isinstance(k.kode_kegiatan, str)),
        temuan=list(findings),
        masalah_baca=list(problems or ()),
        tanggal_laporan={d.key: getattr(profil, d.key) for d in deadline_fields(pack)},
        versi=versi,
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
