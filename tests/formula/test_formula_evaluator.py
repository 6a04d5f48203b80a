"""The formula evaluator follows Excel's rules on the cases the template relies on."""

from __future__ import annotations

from xlplugin.formula import Evaluator, Formula


def _eval(formula: str, cells: dict | None = None):
    grid = {"S": {k: (Formula(v) if isinstance(v, str) and v.startswith("=") else v)
                  for k, v in (cells or {}).items()}}
    return Evaluator(grid).formula(formula, "S", 1)


def test_sumifs_with_an_empty_criterion_cell_counts_it_as_zero():
    cells = {(1, 1): "a", (3, 1): "b", (1, 2): 1, (2, 2): 10, (3, 2): 100}
    assert _eval("=SUMIFS(B1:B3,A1:A3,C9)", cells) == 0
    assert _eval('=SUMIFS(B1:B3,A1:A3,"B")', cells) == 100


def test_index_of_an_empty_cell_shows_zero_and_match_of_blank_is_na():
    cells = {(1, 1): "k1", (2, 1): "k2", (1, 2): None}
    grid_formula = {(5, 5): "=INDEX(B1:B2,MATCH(\"K1\",A1:A2,0))"}
    ev = Evaluator({"S": {**cells, **{k: Formula(v) for k, v in grid_formula.items()}}})
    assert ev.value("S", 5, 5) == 0
    assert _eval('=IFERROR(MATCH(C9,A1:A2,0),"x")', cells) == "x"


def test_round_goes_half_away_from_zero_like_excel():
    assert _eval("=ROUND(2.5,0)") == 3 and _eval("=ROUND(-2.5,0)") == -3
    assert _eval("=ROUND(1.005*100,0)") == 101


def test_unknown_functions_are_name_errors_caught_by_iferror():
    assert _eval('=IFERROR(DAK_TOTAL(1),"")') == ""
    assert _eval('=IFERROR(UNICODE("a"),-1)') == -1  # files must say _xlfn.UNICODE
    assert _eval('=_xlfn.UNICODE("a")') == 97
