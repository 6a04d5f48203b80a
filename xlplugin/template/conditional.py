"""Conditional formatting: the juknis rules a plain formula can express, macros off.

Each native rule is built from the rule pack at build time (limits, rincian, kategori
come from its params, never copied here) by a translator registered under the rule's
`check` name. A formula is written for the first data row with absolute columns and
relative rows (`$M6`), so it holds for every row of its range.
`NATIVE_RULES` declares which rule IDs the native layer covers; a test holds each
one to the Python engine on a filled sample (same rows flagged).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill

from ..domain.coerce import _TIDAK, _YA
from ..layout.model import Layout
from .formulas import column_range, form_cell
from .styles import SEVERITY_COLOURS

NATIVE_RULES = (
    "JPL-A1", "JPL-A2", "JPL-B1", "JPL-B2", "JPL-B4", "JPL-D2",
    "BULAN-A3", "BULAN-A4", "BULAN-B3", "BULAN-C1", "BULAN-C2", "BULAN-C3", "BULAN-D1",
    "BULAN-D3", "BULAN-D4", "KUNJUNGAN-C3",
    "EXC-OPERASIONAL", "EXC-HONOR-PEMBUKAAN", "EXC-HONOR-PANITIA", "EXC-PERJADIN",
    "EXC-MESIN",
    "RAB-HITUNG", "RAB-KEGIATAN", "RAB-PAGU", "REAL-LEBIH",
    "ELIG-DINAS", "ELIG-PARIWISATA", "ELIG-DAKFISIK", "SENTRA-MIN5",
    "LUAR-DAERAH", "PANITIA-10", "METODE-TATAP-MUKA", "PAMERAN-NASIONAL", "PESERTA-NIK",
)


@dataclass(frozen=True)
class NativeRule:
    """One conditional format: where it colours and the condition, as written to Excel."""

    rule_id: str
    severity: str
    target: str  # a layout table key, or "Profil" for the form
    fields: tuple[str, ...]  # the cells it colours in each row
    formula: str  # relative to the first data row (tables) or absolute (Profil)


Translator = Callable[..., Iterable[NativeRule]]
TRANSLATORS: dict[str, Translator] = {}


def translator(check: str) -> Callable[[Translator], Translator]:
    def register(fn: Translator) -> Translator:
        TRANSLATORS[check] = fn
        return fn
    return register


def native_rules(layout: Layout, pack) -> list[NativeRule]:
    """The native rules of NATIVE_RULES that this pack holds, in declared order."""
    out: list[NativeRule] = []
    for rule_id in NATIVE_RULES:
        rule = pack.rules.get(rule_id)
        if rule is None or rule.check not in TRANSLATORS:
            continue
        out.extend(TRANSLATORS[rule.check](rule, layout, pack))
    return out


def add_conditional_formats(wb, layout: Layout, pack) -> None:
    for native in native_rules(layout, pack):
        ws = wb[_sheet(layout, native.target)]
        for sqref in cell_ranges(layout, native):
            ws.conditional_formatting.add(sqref, _format(native))


def cell_ranges(layout: Layout, native: NativeRule) -> list[str]:
    if native.target == "Profil":
        return [layout.profil.cell(f) for f in native.fields]
    t = layout.tables[native.target]
    return [f"{t.column(f).letter}{t.first_row}:{t.column(f).letter}{t.last_row}"
            for f in native.fields]


def _sheet(layout: Layout, target: str) -> str:
    return layout.profil.sheet if target == "Profil" else layout.tables[target].sheet


def _format(native: NativeRule) -> FormulaRule:
    fill, font, _ = SEVERITY_COLOURS[native.severity]
    return FormulaRule(formula=[native.formula], fill=PatternFill(bgColor=fill, fill_type="solid"),
                       font=Font(color=font, bold=True))


# ---------------------------------------------------------------- formula pieces
class Row:
    """Cell references of one table's first data row: `$M6`."""

    def __init__(self, layout: Layout, key: str):
        self.layout, self.table = layout, layout.tables[key]

    def __getitem__(self, field: str) -> str:
        return f"${self.table.column(field).letter}{self.table.first_row}"

    def range(self, table_key: str, field: str) -> str:
        return column_range(self.layout, table_key, field)

    def valid_number(self, field: str) -> str:
        """ISNUMBER, and a whole number for `int` columns (else the engine reads Invalid)."""
        ref = self[field]
        if self.table.column(field).type == "int":
            return f"AND(ISNUMBER({ref}),{ref}=INT({ref}))"
        return f"ISNUMBER({ref})"

    def filled(self) -> str:
        """The row holds any input: the engine reads a record from it."""
        return f"COUNTA({','.join(self._input_spans())})>0"

    def _input_spans(self) -> list[str]:
        spans, start, prev = [], None, None
        for col in self.table.columns:
            if col.is_input and start is None:
                start = col
            if not col.is_input and start is not None:
                spans.append((start, prev))
                start = None
            prev = col
        if start is not None:
            spans.append((start, prev))
        r = self.table.first_row
        return [f"${a.letter}{r}:${b.letter}{r}" if a != b else f"${a.letter}{r}"
                for a, b in spans]


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def any_of(ref: str, values: Iterable[str]) -> str:
    tests = [f"{ref}={_text(v)}" for v in values]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def is_ya(ref: str) -> str:
    """Reads as Ya the way the engine's coercion does (Ya, Y, Yes, True, Benar, 1)."""
    return f"OR({ref}=TRUE,{ref}=1,{','.join(f'{ref}={_text(w)}' for w in sorted(_YA))})"


def is_tidak(ref: str) -> str:
    return f"OR({ref}=FALSE,{ref}=0,{','.join(f'{ref}={_text(w)}' for w in sorted(_TIDAK))})"


def in_rincian(r: Row, params: dict) -> str:
    """The engine's `matches_rincian`: the rule's rincian, and its varian when it names one."""
    tests = [any_of(r["rincian"], params.get("rincian", ()))]
    if params.get("varian") is not None:
        tests.append(any_of(r["varian"], params["varian"]))
    return tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"


def outside(ref: str, lo, hi) -> str:
    tests = ([f"{ref}<{lo}"] if lo is not None else []) + ([f"{ref}>{hi}"] if hi is not None
                                                            else [])
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def months(start: str, end: str) -> str:
    """Calendar months start..end inclusive, rounded up (domain.calendar.months_between).

    d = month difference; the EDATE term adds 1 when end reaches the same day of its month.
    """
    diff = f"((YEAR({end})-YEAR({start}))*12+MONTH({end})-MONTH({start}))"
    return f"({diff}+(EDATE({start},{diff})<={end}))"


def _native(rule, target: str, fields: tuple[str, ...], formula: str) -> NativeRule:
    return NativeRule(rule.id, rule.severity.value, target, fields, formula)


# ---------------------------------------------------------------- translators (by check)
@translator("jpl_range")
def _jpl_range(rule, layout, pack):
    r, p = Row(layout, "KAK"), rule.params
    bad = f"IF({r.valid_number('jpl')},{outside(r['jpl'], p.get('min'), p.get('max'))},TRUE)"
    yield _native(rule, "KAK", ("jpl",), f"AND({in_rincian(r, p)},{bad})")


@translator("bulan_range")
def _bulan_range(rule, layout, pack):
    r, p = Row(layout, "KAK"), rule.params
    s, e = r["tanggal_mulai"], r["tanggal_selesai"]
    dates = f"AND(ISNUMBER({s}),ISNUMBER({e}))"
    period = f"IF({dates},OR({e}<{s},{outside(months(s, e), p.get('min'), p.get('max'))}),TRUE)"
    tests = [period]
    if "jpl_max" in p:
        tests.append(f"IF({r.valid_number('jpl')},{r['jpl']}>{p['jpl_max']},TRUE)")
    bad = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
    yield _native(rule, "KAK", ("tanggal_mulai", "tanggal_selesai"),
                  f"AND({in_rincian(r, p)},{bad})")


@translator("field_min")
def _field_min(rule, layout, pack):
    r, p = Row(layout, "KAK"), rule.params
    f = p["field"]
    yield _native(rule, "KAK", (f,),
                  f"AND({in_rincian(r, p)},IF({r.valid_number(f)},{r[f]}<{p['min']},TRUE))")


def _excluded_kategori(rule, layout, pack):
    names = [k.nama for k in pack.kategori.values() if k.dikecualikan == rule.id]
    if names:
        r = Row(layout, "RAB")
        yield _native(rule, "RAB", ("kategori",), any_of(r["kategori"], names))


translator("kategori_dikecualikan")(_excluded_kategori)


@translator("honor_pembukaan")
def _honor_pembukaan(rule, layout, pack):
    yield from _excluded_kategori(rule, layout, pack)
    n = Row(layout, "Narasumber")
    paid = ",".join(is_ya(n[f]) for f in ("dari_dinas_penyelenggara", "pembukaan_penutupan",
                                          "dibayar_honor"))
    yield _native(rule, "Narasumber", ("dibayar_honor",), f"AND({paid})")


@translator("rab_hitung")
def _rab_hitung(rule, layout, pack):
    r = Row(layout, "RAB")
    bad = [f"IF(ISNUMBER({r[f]}),{r[f]}<0,TRUE)" for f in ("volume", "harga_satuan")]
    yield _native(rule, "RAB", ("volume", "harga_satuan"),
                  f"AND({r.filled()},OR({','.join(bad)}))")


@translator("rab_kegiatan")
def _rab_kegiatan(rule, layout, pack):
    r = Row(layout, "RAB")
    kk = r["kode_kegiatan"]
    missing = f"OR({kk}=\"\",COUNTIF({r.range('KAK', 'kode_kegiatan')},{kk})=0)"
    yield _native(rule, "RAB", ("kode_kegiatan",), f"AND({r.filled()},{missing})")


@translator("rab_pagu")
def _rab_pagu(rule, layout, pack):
    pagu = form_cell(layout, "pagu")
    total = f"SUM({column_range(layout, 'RAB', 'jumlah')})"
    yield _native(rule, "Profil", ("pagu",), f"IF(ISNUMBER({pagu}),{total}>{pagu},TRUE)")


@translator("realisasi_lebih")
def _realisasi_lebih(rule, layout, pack):
    r = Row(layout, "RAB")
    over = f"{r['realisasi']}>{r['jumlah']}"
    paid = f"COUNTIF({r.range('Realisasi', 'kode_baris')},{r['kode_baris']})>0"
    yield _native(rule, "RAB", ("realisasi",),
                  f"AND({r['kode_baris']}<>\"\",ISNUMBER({r['jumlah']}),{paid},{over})")
    k = Row(layout, "KAK")
    yield _native(rule, "KAK", ("realisasi_anggaran",),
                  f"AND({k['kode_kegiatan']}<>\"\",{k['realisasi_anggaran']}>{k['anggaran']})")
    p = Row(layout, "Realisasi")
    kb = p["kode_baris"]
    bad = (f"OR(NOT(ISNUMBER({p['jumlah']})),{kb}=\"\","
           f"COUNTIF({p.range('RAB', 'kode_baris')},{kb})=0)")
    yield _native(rule, "Realisasi", ("kode_baris", "jumlah"), f"AND({p.filled()},{bad})")


@translator("profil_ya")
def _profil_ya(rule, layout, pack):
    cell = form_cell(layout, rule.params["field"])
    yield _native(rule, "Profil", (rule.params["field"],), f"NOT({is_ya(cell)})")


@translator("sentra_min_unit")
def _sentra_min_unit(rule, layout, pack):
    r = Row(layout, "Sentra")
    f = "jumlah_unit_usaha"
    bad = f"IF({r.valid_number(f)},{r[f]}<{rule.params['min']},TRUE)"
    yield _native(rule, "Sentra", (f,), f"AND({r.filled()},{bad})")


@translator("luar_daerah_alasan")
def _luar_daerah(rule, layout, pack):
    r = Row(layout, "KAK")
    ld = r["luar_daerah"]
    unreadable = f"AND({ld}<>\"\",NOT({is_ya(ld)}),NOT({is_tidak(ld)}))"
    no_reason = f"AND({is_ya(ld)},TRIM({r['alasan_luar_daerah']})=\"\")"
    yield _native(rule, "KAK", ("luar_daerah", "alasan_luar_daerah"),
                  f"AND({in_rincian(r, rule.params)},OR({unreadable},{no_reason}))")


@translator("panitia_persen")
def _panitia_persen(rule, layout, pack):
    r = Row(layout, "KAK")
    target = f"IF({r.valid_number('target_peserta')},{r['target_peserta']},0)"
    listed = f"COUNTIF({r.range('Peserta', 'kode_kegiatan')},{r['kode_kegiatan']})"
    peserta = f"MAX({target},{listed})"
    pan = r["panitia_pendamping"]
    check = f"IF({r.valid_number('panitia_pendamping')},OR({peserta}=0," \
            f"{pan}*100>{rule.params['persen']}*{peserta}),TRUE)"
    yield _native(rule, "KAK", ("panitia_pendamping",),
                  f"AND({in_rincian(r, rule.params)},{is_ya(r['luar_daerah'])},{check})")


@translator("metode_dilarang")
def _metode_dilarang(rule, layout, pack):
    r = Row(layout, "KAK")
    m = f"TRIM({r['metode']})"
    yield _native(rule, "KAK", ("metode",), f"AND({in_rincian(r, rule.params)},"
                  f"OR({m}=\"\",{any_of(m, rule.params['dilarang'])}))")


@translator("tingkat_pameran")
def _tingkat_pameran(rule, layout, pack):
    r = Row(layout, "KAK")
    t = f"TRIM({r['tingkat_pameran']})"
    named = f"OR({t}<>\"\",TRIM({r['nama_pameran']})<>\"\")"
    bad = f"OR({t}=\"\",NOT({any_of(t, rule.params['tingkat'])}))"
    yield _native(rule, "KAK", ("tingkat_pameran",),
                  f"AND({in_rincian(r, rule.params)},{named},{bad})")


@translator("peserta_nik")
def _peserta_nik(rule, layout, pack):
    """16 digits exactly: each half of 8 characters must print back as itself.

    (A 16-digit number exceeds Excel's 15 significant digits, so the halves are tested.)
    """
    r = Row(layout, "Peserta")
    n = int(rule.params["panjang"])
    nik = f"SUBSTITUTE({r['nik']},\" \",\"\")"
    half, zeros = n // 2, '"' + "0" * (n // 2) + '"'
    halves = [f"TEXT(--{side}({nik},{half}),{zeros})={side}({nik},{half})"
              for side in ("LEFT", "RIGHT")]
    ok = f"IFERROR(AND(ISTEXT({r['nik']}),LEN({nik})={n},{','.join(halves)}),FALSE)"
    yield _native(rule, "Peserta", ("nik",), f"AND({r.filled()},NOT({ok}))")


def rekap_pagu_rule(layout: Layout, pack) -> tuple[str, str] | None:
    """The Rekap total cell coloured when the RAB exceeds the pagu (display only)."""
    if "RAB-PAGU" not in pack.rules:
        return None
    from .sheets.rekap import col, rekap_rows

    letter, row = col("anggaran"), rekap_rows(layout, pack).total
    pagu = form_cell(layout, "pagu")
    return f"{letter}{row}", f"AND(ISNUMBER({pagu}),${letter}${row}>{pagu})"


def add_rekap_format(wb, layout: Layout, pack) -> None:
    found = rekap_pagu_rule(layout, pack)
    if found:
        cell, formula = found
        native = NativeRule("RAB-PAGU", pack.rules["RAB-PAGU"].severity.value, "Rekap", (),
                            formula)
        wb[layout.outputs["Rekap"].sheet].conditional_formatting.add(cell, _format(native))


__all__ = ["NATIVE_RULES", "NativeRule", "add_conditional_formats", "native_rules"]
