"""A finding: one breach of one rule at one place, as a frozen record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import Enum


class Severity(str, Enum):
    PELANGGARAN = "PELANGGARAN"
    PERLU_PERSETUJUAN = "PERLU_PERSETUJUAN"
    PERLU_PENJELASAN = "PERLU_PENJELASAN"
    PERINGATAN = "PERINGATAN"


# What a recorded approval or statement turns an open finding into.
RESOLVED_AS = {
    Severity.PERLU_PERSETUJUAN: "DISETUJUI",
    Severity.PERLU_PENJELASAN: "DIJELASKAN",
}

# Severities that make `validate` exit 1 while open.
BLOCKING = (Severity.PELANGGARAN, Severity.PERLU_PERSETUJUAN, Severity.PERLU_PENJELASAN)

SEVERITY_ORDER = {s: i for i, s in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    sheet: str
    row: int | None
    cell: str | None
    message: str
    clause: str
    value: str | None = None
    kegiatan: str | None = None  # kode_kegiatan the finding concerns, for approvals
    resolution: str | None = None  # "DISETUJUI" / "DIJELASKAN" once recorded

    @property
    def level(self) -> str:
        """What the user sees in the Temuan sheet: the resolution, else the severity."""
        return self.resolution or self.severity.value

    @property
    def is_open(self) -> bool:
        return self.resolution is None

    @property
    def is_blocking(self) -> bool:
        return self.is_open and self.severity in BLOCKING

    def resolved(self, reference: str) -> Finding:
        label = RESOLVED_AS[self.severity]
        return replace(self, resolution=label, message=f"{self.message} [{label}: {reference}]")

    def noted(self, note: str) -> Finding:
        """The finding, still open, with a note on why a record did not resolve it."""
        return replace(self, message=f"{self.message} [{note}]")

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER[self.severity], self.sheet, self.row or 0, self.cell or "", self.rule)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def to_json_dict(self) -> dict:
        """The public JSON shape of `xlplugin validate --json`."""
        return {
            "rule": self.rule,
            "severity": self.level,
            "sheet": self.sheet,
            "row": self.row,
            "cell": self.cell,
            "message": self.message,
            "clause": self.clause,
        }
