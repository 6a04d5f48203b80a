"""What a grid cell or reference holds besides a value: a formula, or a range that a
reference to more than one cell evaluates to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import VALUE

if TYPE_CHECKING:  # a range reads its cells through the evaluator that made it
    from .evaluate import Evaluator


class Range:
    __slots__ = ("c1", "c2", "r1", "r2", "sheet")

    def __init__(self, sheet, r1, c1, r2, c2):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2

    @property
    def size(self) -> int:
        return (self.r2 - self.r1 + 1) * (self.c2 - self.c1 + 1)

    def scalar(self, ev: Evaluator, row: int):
        """Implicit intersection of a one-column range with the formula's row."""
        if self.c1 == self.c2 and self.r1 <= row <= self.r2:
            return ev.value(self.sheet, row, self.c1)
        return VALUE


class Formula:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text
