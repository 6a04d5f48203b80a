"""The tokenizer: formula text into (kind, text) tokens."""

from __future__ import annotations

import re

from .errors import FormulaError

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<err>\#(?:N/A|VALUE!|DIV/0!|NAME\?|REF!|NUM!|NULL!))
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?
        (?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?))
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<func>[A-Za-z_][\w.]*(?=\())
  | (?P<bool>TRUE|FALSE)\b
  | (?P<name>[A-Za-z_\\][\w.]*)
  | (?P<op><>|<=|>=|[-+*/^&=<>(),:%])
""", re.VERBOSE)


def tokenize(text: str) -> list[tuple[str, str]]:
    pos, out = 0, []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaError(f"tidak dapat membaca rumus di posisi {pos}: {text!r}")
        pos = m.end()
        if m.lastgroup != "ws":
            out.append((m.lastgroup, m.group()))
    return out
