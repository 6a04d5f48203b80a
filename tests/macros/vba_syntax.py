"""Syntax-check VBA module text with the antlr4-vba grammar (an ANTLR grammar of [MS-VBAL]).

Two facts about that grammar decide how a module is handed to it:

- Its entry rule `startRule` is `module EOF`, and `module` reads a class module only after
  a `classFileHeader`: the `VERSION 1.0 CLASS` / `BEGIN` ... `END` block the VB editor
  writes when it exports a .cls file. A module stream in vbaProject.bin holds no such
  block (pyOpenVBA's `normalize_class_source` strips it), so a class or document module
  is parsed in its export form: that block, four lines, goes in front, and reported line
  numbers are moved back by four.
- Its `classAttr` accepts exactly the header attributes [MS-VBAL] 4.2 lists for a class
  module (VB_Name, VB_GlobalNameSpace, VB_Creatable, VB_PredeclaredId, VB_Exposed,
  VB_Customizable). Office writes three more that the VB editor loads and exports: VB_Base
  (every document module, and every class module in a stream), VB_TemplateDerived (every
  document module) and a module-level VB_Description (xlwings' Dictionary.cls). Those
  header lines, and only those, are emptied in place: the lexer folds consecutive line
  ends into one NEWLINE token, so the header still reads as one block and line numbers
  stay. Any other attribute line, a misspelt one say, is still the grammar's to reject.

Everything else is parsed as the stream holds it. The ANTLR Python runtime is slow on this
grammar (about a minute for xlwings.bas), so results are cached by text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

EXPORT_HEADER = "VERSION 1.0 CLASS\r\nBEGIN\r\n  MultiUse = -1  'True\r\nEND\r\n"
HOST_ATTRIBUTES = re.compile(r"^Attribute\s+(VB_Base|VB_TemplateDerived|VB_Description)\s*=.*$",
                             re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class SyntaxIssue:
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column} {self.message}"


def syntax_errors(text: str, *, is_class: bool) -> list[SyntaxIssue]:
    """Every error the grammar's lexer and parser report for one module (CRLF text)."""
    if not is_class:
        return list(_parse(text, 0))
    header_end = _header_end(text)
    header = HOST_ATTRIBUTES.sub(lambda m: "\r" if m.group(0).endswith("\r") else "",
                                 text[:header_end])
    offset = EXPORT_HEADER.count("\n")
    return list(_parse(EXPORT_HEADER + header + text[header_end:], offset))


def _header_end(text: str) -> int:
    """Where the leading block of `Attribute` lines ends."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if not line.startswith("Attribute "):
            break
        pos += len(line)
    return pos


@cache
def _parse(text: str, line_offset: int) -> tuple[SyntaxIssue, ...]:
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener
    from antlr4_vba.vbaLexer import vbaLexer
    from antlr4_vba.vbaParser import vbaParser

    issues: list[SyntaxIssue] = []

    class Collect(ErrorListener):
        def syntaxError(self, recognizer, offending, line, column, msg, e):
            issues.append(SyntaxIssue(line - line_offset, column, msg))

    lexer = vbaLexer(InputStream(text))
    parser = vbaParser(CommonTokenStream(lexer))
    for recognizer in (lexer, parser):
        recognizer.removeErrorListeners()  # the default one only prints to stderr
        recognizer.addErrorListener(Collect())
    parser.startRule()
    return tuple(issues)
