"""Excel error values (#N/A, #VALUE!, ...) as the evaluator returns them, and the
exception raised for a formula outside the supported grammar."""

from __future__ import annotations


class XLError(str):
    """An Excel error value (#N/A, #VALUE!, ...)."""


NA, VALUE, DIV0, NAME, REF = (XLError(e) for e in ("#N/A", "#VALUE!", "#DIV/0!", "#NAME?",
                                                    "#REF!"))


class FormulaError(ValueError):
    """A formula outside the supported grammar: a bug in what the template emits."""


def first_error(values):
    return next((v for v in values if isinstance(v, XLError)), None)
