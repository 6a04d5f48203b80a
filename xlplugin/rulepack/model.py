"""What a rule pack holds, as typed, frozen objects."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date

from ..domain.finding import Severity


class RulePackError(ValueError):
    """A rule pack is malformed: bad configuration, reported at start-up."""


@dataclass(frozen=True)
class Variant:
    severity: Severity
    message: str


@dataclass(frozen=True)
class Rule:
    id: str
    check: str  # name of the check implementation in the engine registry
    severity: Severity
    clause: str
    title: str
    section: str
    message: str
    params: dict = field(default_factory=dict)
    variants: dict[str, Variant] = field(default_factory=dict)

    def variant(self, name: str | None) -> Variant:
        if name is None:
            return Variant(self.severity, self.message)
        return self.variants[name]

    def placeholders(self) -> set[str]:
        texts = [self.message] + [v.message for v in self.variants.values()]
        return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}


@dataclass(frozen=True)
class Rincian:
    kode: str
    menu: str
    nama: str
    keluaran: str
    info: dict = field(default_factory=dict)  # texts for KAK documents (tujuan, metode, ...)
    # The kinds the KAK must name because their limits differ (A.2: training or studi
    # banding; B.2: pengelola or operator); empty for a rincian with one kind.
    varian: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kategori:
    nama: str
    dikecualikan: str | None = None  # rule ID an excluded category breaks
    perlu_ssh: bool = False


# What a record on the Persetujuan sheet turns an open finding into: an approval letter
# (PERLU_PERSETUJUAN) or a statement known by the head of the dinas (PERLU_PENJELASAN).
RESOLVABLE = {Severity.PERLU_PERSETUJUAN: "persetujuan", Severity.PERLU_PENJELASAN: "pernyataan"}
LABEL_SEPARATOR = " — "  # between a rule ID and its words in the Persetujuan dropdown


@dataclass(frozen=True)
class Persetujuan:
    """How a recorded approval resolves a finding (the pack's `[persetujuan]`)."""

    # rule ID -> words that name its limit in an approval's reason ("JPL", "bulan"):
    # the KAK's single approval slot (older templates) counts only for the limits its
    # reason names
    sebutan: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # notes on a finding that a record did not resolve, by why: "tanpa_alasan",
    # "tanpa_tanggal", "tanpa_nomor" (a row of the Persetujuan sheet), "lama_tanpa_alasan",
    # "lama_tanpa_tanggal", "lama_tidak_menyebut" (the KAK's single slot)
    catatan: dict[str, str] = field(default_factory=dict)
    # the finding that asks to move the KAK's single slot to the Persetujuan sheet
    slot_lama: Variant | None = None


# The parts of the report's narrative a Narasi row can belong to (its Bagian column);
# where each goes in the document is the report writer's business.
BAGIAN_NARASI = ("Latar belakang", "Tujuan", "Perencanaan", "Permasalahan", "Kesimpulan",
                 "Saran")
JENIS_LAPORAN = ("semester1", "semester2", "akhir")


@dataclass(frozen=True)
class Laporan:
    """What the dinas must write for each kind of report (the pack's `[laporan]`)."""

    # jenis -> the narrative parts that may not be empty
    narasi_wajib: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # jenis -> whether III.c must show photos when an activity was carried out
    dokumentasi_wajib: dict[str, bool] = field(default_factory=dict)
    # message key -> text (see rules_laporan.toml)
    pesan: dict[str, str] = field(default_factory=dict)

    def wajib(self, jenis: str) -> tuple[str, ...]:
        return self.narasi_wajib.get(jenis, ())

    def foto_wajib(self, jenis: str) -> bool:
        return self.dokumentasi_wajib.get(jenis, False)


@dataclass(frozen=True)
class RulePack:
    tahun: int
    regulasi: str
    judul: str
    template_name: str
    menu: dict[str, str]
    rincian: dict[str, Rincian]
    kategori: dict[str, Kategori]
    libur: frozenset[date]
    semester: dict[str, tuple[date, date]]
    rules: dict[str, Rule]
    raw: dict = field(repr=False, default_factory=dict)
    persetujuan: Persetujuan = field(default_factory=lambda: Persetujuan())
    laporan: Laporan = field(default_factory=lambda: Laporan())

    @property
    def awal_tahun(self) -> date:
        return date(self.tahun, 1, 1)

    @property
    def akhir_tahun(self) -> date:
        return date(self.tahun, 12, 31)

    def rincian_of_menu(self, menu: str) -> list[str]:
        return [k for k, r in self.rincian.items() if r.menu == menu]

    def resolvable(self) -> dict[str, str]:
        """Rule ID -> "persetujuan" / "pernyataan": the limits a record on the Persetujuan
        sheet can resolve (a rule with a PERLU_PERSETUJUAN or PERLU_PENJELASAN severity)."""
        out = {}
        for rule in self.rules.values():
            for severity in (rule.severity, *(v.severity for v in rule.variants.values())):
                if severity in RESOLVABLE:
                    out[rule.id] = RESOLVABLE[severity]
                    break
        return out

    def aturan_label(self, rule_id: str) -> str:
        """A limit as the Persetujuan dropdown shows it: "JPL-A1 — persetujuan: <title>"."""
        return _label(rule_id, self.resolvable()[rule_id], self.rules[rule_id].title)

    def lists(self) -> dict[str, list[str]]:
        """The pack's dropdown lists, for the template's `pack:` lists."""
        return {
            "menu": list(self.menu),
            "rincian": list(self.rincian),
            "kategori_belanja": list(self.kategori),
            "aturan_persetujuan": [_label(rid, kind, self.rules[rid].title)
                                   for rid, kind in self.resolvable().items()],
        }


def _label(rule_id: str, kind: str, title: str) -> str:
    return f"{rule_id}{LABEL_SEPARATOR}{kind}: {title}"
