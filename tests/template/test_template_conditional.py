"""The native conditional formats flag exactly the rows the Python engine flags."""

from __future__ import annotations

import pytest
from tpl_cf_probe import flagged_rows

from xlplugin.adapters.file import load_dokumen
from xlplugin.engine import validate
from xlplugin.engine.registry import load_checks
from xlplugin.template.conditional import NATIVE_RULES, TRANSLATORS, native_rules


@pytest.fixture(scope="module")
def engine_rows(built):
    doc, problems = load_dokumen(built["broken"])
    assert problems == []
    rows: dict[tuple[str, str], set[int]] = {}
    for f in validate(doc):
        rows.setdefault((f.rule, f.sheet), set()).add(f.row)
    return rows


@pytest.fixture(scope="module")
def native_rows(built):
    return flagged_rows(built["broken"])


def test_every_native_rule_is_in_the_pack_with_an_engine_check_and_a_translator(pack):
    checks = load_checks()
    for rule_id in NATIVE_RULES:
        rule = pack.rules[rule_id]
        assert rule.check in checks, rule_id
        assert rule.check in TRANSLATORS, rule_id


def test_native_limits_come_from_the_rule_pack(layout, pack):
    jpl_a1 = next(n for n in native_rules(layout, pack) if n.rule_id == "JPL-A1")
    params = pack.rules["JPL-A1"].params
    assert f"<{params['min']}" in jpl_a1.formula and f">{params['max']}" in jpl_a1.formula


@pytest.mark.parametrize("rule_id", NATIVE_RULES)
def test_native_format_flags_the_rows_the_engine_flags(rule_id, layout, pack, engine_rows,
                                                       native_rows):
    sheets = {s for (r, s) in native_rows if r == rule_id}
    assert sheets, f"{rule_id}: tidak ada format bersyarat"
    engine_sheets = {s for (r, s) in engine_rows if r == rule_id}
    assert engine_sheets <= sheets, f"{rule_id}: mesin menandai sheet lain {engine_sheets}"
    for sheet in sheets:
        assert native_rows[(rule_id, sheet)] == engine_rows.get((rule_id, sheet), set()), sheet


def test_broken_sample_trips_every_native_rule(engine_rows):
    fired = {rule for rule, _ in engine_rows}
    assert set(NATIVE_RULES) <= fired, sorted(set(NATIVE_RULES) - fired)
