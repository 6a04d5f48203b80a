"""What a check sees: the document, the pack, indexes, and a finding factory."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..domain.finding import Finding
from ..domain.records import Dokumen, Kegiatan, Profil
from ..domain.values import Invalid, shown
from ..layout.model import Layout
from ..rulepack.model import Rule, RulePack

# Record class -> layout table key (the sheet a finding points at).
RECORD_TABLE = {
    "Sentra": "Sentra", "Kegiatan": "KAK", "RabLine": "RAB", "StandarHarga": "SSH",
    "Peserta": "Peserta", "Narasumber": "Narasumber", "Pendamping": "Pendamping",
    "Jadwal": "Jadwal", "Realisasi": "Realisasi", "Persetujuan": "Persetujuan",
}


class _Params(dict):
    """Leaves an unknown placeholder visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Context:
    def __init__(self, doc: Dokumen, pack: RulePack, layout: Layout, bacaan=None):
        """`bacaan`: what the reader met (`engine.baca.Bacaan`), for the read checks."""
        self.doc, self.pack, self.layout = doc, pack, layout
        self.bacaan = bacaan

    # ---------------------------------------------------------------- indexes
    @cached_property
    def kegiatan_by_kode(self) -> dict[str, Kegiatan]:
        return {k.kode_kegiatan: k for k in self.doc.kegiatan if isinstance(k.kode_kegiatan, str)}

    @cached_property
    def sentra_by_kode(self) -> dict:
        return {s.kode_sentra: s for s in self.doc.sentra if s.kode_sentra}

    @cached_property
    def ssh_by_kode(self) -> dict:
        return {s.kode_ssh: s for s in self.doc.ssh if s.kode_ssh}

    def _group(self, records: list) -> dict[str, list]:
        groups: dict[str, list] = defaultdict(list)
        for r in records:
            if isinstance(r.kode_kegiatan, str):
                groups[r.kode_kegiatan].append(r)
        return groups

    @cached_property
    def rab_by_kegiatan(self) -> dict[str, list]:
        return self._group(self.doc.rab)

    @cached_property
    def peserta_by_kegiatan(self) -> dict[str, list]:
        return self._group(self.doc.peserta)

    @cached_property
    def narasumber_by_kegiatan(self) -> dict[str, list]:
        return self._group(self.doc.narasumber)

    @cached_property
    def pendamping_by_kegiatan(self) -> dict[str, list]:
        return self._group(self.doc.pendamping)

    @cached_property
    def jadwal_by_kegiatan(self) -> dict[str, list]:
        return self._group(self.doc.jadwal)

    @cached_property
    def rab_by_excluding_rule(self) -> dict[str, list]:
        """RAB lines by the rule whose excluded kategori they carry (one pass for all EXC-*)."""
        groups: dict[str, list] = defaultdict(list)
        kategori = self.pack.kategori
        for line in self.doc.rab:
            k = kategori.get(line.kategori) if isinstance(line.kategori, str) else None
            if k and k.dikecualikan:
                groups[k.dikecualikan].append(line)
        return groups

    def kegiatan_of(self, *rincian: str) -> list[Kegiatan]:
        return [k for k in self.doc.kegiatan if k.rincian in rincian]

    # ---------------------------------------------------------------- findings
    def finding(self, rule: Rule, record: object, field: str | None = None, *,
                variant: str | None = None, value: object = None, **params) -> Finding:
        """A finding of `rule` at `record` (and its `field` cell, if one cell is at fault).

        The message is the rule's template filled with `params`; `nilai` defaults to the
        field's value as the user typed it.
        """
        if field is not None and value is None:
            value = getattr(record, field, None)
        kegiatan = getattr(record, "kode_kegiatan", None)
        return self.finding_at(rule, self.locate(record, field), variant=variant, value=value,
                               of_kegiatan=kegiatan if isinstance(kegiatan, str) else None,
                               **params)

    def finding_at(self, rule: Rule, place: tuple[str, int | None, str | None], /, *,
                   variant: str | None = None, value: object = None,
                   of_kegiatan: str | None = None, **params) -> Finding:
        """A finding of `rule` at `place` (sheet, row, cell) given as it is, e.g. where the
        reader met a problem; `params` may use any name (a message's {sheet}).

        `of_kegiatan`: the kode_kegiatan the finding concerns, for approvals."""
        sheet, row, cell = place
        chosen = rule.variant(variant)
        params.setdefault("nilai", shown(value))
        params.setdefault("alasan", value.reason if isinstance(value, Invalid) else "")
        params.update({k: v for k, v in rule.params.items() if k not in params})
        return Finding(
            rule=rule.id, severity=chosen.severity, sheet=sheet, row=row, cell=cell,
            message=chosen.message.format_map(_Params(_readable(params))),
            clause=rule.clause, value=None if value is None else shown(value),
            kegiatan=of_kegiatan,
        )

    def locate(self, record: object, field: str | None) -> tuple[str, int | None, str | None]:
        if isinstance(record, Profil) or record is None:
            form = self.layout.profil
            cell = form.cell(field) if field else None
            row = form.field(field).row if field else None
            return form.sheet, row, cell
        table = self.layout.tables[RECORD_TABLE[type(record).__name__]]
        row = record.row
        return table.sheet, row, table.cell(field, row) if field else None


def _readable(params: dict) -> dict:
    out = {}
    for k, v in params.items():
        if isinstance(v, (list, tuple)):
            out[k] = ", ".join(str(x) for x in v)
        else:
            out[k] = v
    return out
