"""Codes and list values as users type them: one comparison, one canonical spelling.

RULES.md ("Interpretations written down"): menu, rincian, variant and every list value
are compared without regard to case and surrounding spaces, so "a.1", " A.1 " and "A.1"
are one rincian. The value shown back to the user is the list's own spelling. Every
comparison of a code in the product goes through `code_key`; `Canon` maps what was
typed to the canonical item of one list.
"""

from __future__ import annotations

from collections.abc import Iterable


def code_key(value: object) -> str:
    """How a code or list value is compared: case folded, surrounding spaces dropped and
    inner runs of spaces read as one (a pasted "Studi  banding" is the list's item)."""
    if not isinstance(value, str):
        return ""
    return " ".join(value.split()).casefold()


def same_code(a: object, b: object) -> bool:
    return isinstance(a, str) and isinstance(b, str) and code_key(a) == code_key(b)


class Canon:
    """The items of one list, found by what a user may type for them."""

    __slots__ = ("_by_key", "items")

    def __init__(self, items: Iterable[object]):
        texts = [i for i in items if isinstance(i, str)]
        self.items: frozenset[str] = frozenset(texts)
        self._by_key: dict[str, str] = {}
        for item in texts:
            self._by_key.setdefault(code_key(item), item)  # the first spelling wins

    def __call__(self, value: object) -> object:
        """`value` spelled as its list item; anything else (not in the list, not text,
        an Invalid) is returned unchanged for the rule that needs it to report."""
        if type(value) is not str or value in self.items:
            return value
        return self._by_key.get(code_key(value), value)

    def __contains__(self, value: object) -> bool:
        return code_key(value) in self._by_key if isinstance(value, str) else False
