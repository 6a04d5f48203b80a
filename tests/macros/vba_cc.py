"""VBA conditional compilation, enough to give a parser the code one platform compiles.

A VBA parser sees every `#If` branch at once, and the branches of xlwings.bas declare the
same names per platform, so a module is parsed once per platform: directive lines and the
lines of branches not taken become empty lines, so line numbers stay those of the source.

Constants follow VBA's semantics ([MS-VBAL] 3.4 and 5.6.16.2): True is -1, an undefined
constant is Empty (0, or "" beside a string), `#Const` defines a module-level constant,
and Not/And/Or/Xor are bitwise on integers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

TRUE, FALSE = -1, 0
# The compiler constants of 64-bit and 32-bit VBA 7 on Windows: Win32 is True in both
# (Microsoft's "Compiler constants" page), Win64 only in 64-bit Office.
WIN64 = {"VBA6": TRUE, "VBA7": TRUE, "Win16": FALSE, "Win32": TRUE, "Win64": TRUE,
         "Mac": FALSE}
WIN32 = {**WIN64, "Win64": FALSE}
PLATFORMS = {"Win64": WIN64, "Win32": WIN32}

_DIRECTIVE = re.compile(r"^\s*#\s*(If|ElseIf|Else|End\s*If|Const)\b(.*)$", re.IGNORECASE)
_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"]|"")*")|(?P<num>\d+(?:\.\d+)?)|'
                    r"(?P<op><>|<=|>=|[=<>()])|(?P<word>[A-Za-z_]\w*))")


class DirectiveError(ValueError):
    """Conditional compilation the helper does not understand, or unbalanced."""


def preprocess(source: str, constants: Mapping[str, object]) -> str:
    """`source` with only the lines compiled under `constants` (other lines emptied)."""
    defined = {k.casefold(): v for k, v in constants.items()}
    # Each open #If: (this branch is taken, some branch was already taken, outer is active).
    stack: list[tuple[bool, bool, bool]] = []
    active = True
    out = []
    for number, line in enumerate(source.split("\n"), start=1):
        found = _DIRECTIVE.match(line)
        if not found:
            out.append(line if active else _eol(line))
            continue
        word = found.group(1).casefold().replace(" ", "")
        rest = _strip_comment(found.group(2))
        if word == "if":
            taken = active and _truthy(evaluate(_condition(rest, number), defined))
            stack.append((taken, taken, active))
        elif word in ("elseif", "else"):
            if not stack:
                raise DirectiveError(f"line {number}: #{found.group(1)} without #If")
            _, done, outer = stack.pop()
            cond = TRUE if word == "else" else evaluate(_condition(rest, number), defined)
            taken = outer and not done and _truthy(cond)
            stack.append((taken, done or taken, outer))
        elif word == "endif":
            if not stack:
                raise DirectiveError(f"line {number}: #End If without #If")
            stack.pop()
        elif active:  # #Const name = expression
            name, _, expr = rest.partition("=")
            defined[name.strip().casefold()] = evaluate(expr, defined)
        active = stack[-1][0] if stack else True
        out.append(_eol(line))
    if stack:
        raise DirectiveError(f"{len(stack)} #If without #End If")
    return "\n".join(out)


def evaluate(expr: str, defined: Mapping[str, object]) -> object:
    """The value of a conditional compilation expression; None is Empty."""
    return _Expr(_tokens(expr), defined).parse()


def _eol(line: str) -> str:
    return "\r" if line.endswith("\r") else ""


def _condition(rest: str, number: int) -> str:
    found = re.match(r"(.*)\bThen\s*$", rest, re.IGNORECASE | re.DOTALL)
    if not found:
        raise DirectiveError(f"line {number}: #If without Then")
    return found.group(1)


def _strip_comment(text: str) -> str:
    """Text before a ' comment that is not inside a string literal."""
    in_string = False
    for i, ch in enumerate(text):
        if ch == '"':
            in_string = not in_string
        elif ch == "'" and not in_string:
            return text[:i].rstrip()
    return text.rstrip()


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        raise DirectiveError(f"a string is not a condition: {value!r}")
    return bool(value)


def _tokens(expr: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        found = _TOKEN.match(expr, pos)
        if not found or found.end() == pos:
            raise DirectiveError(f"cannot read {expr[pos:]!r}")
        tokens.append((found.lastgroup, found.group(found.lastgroup)))
        pos = found.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    return tokens


class _Expr:
    """Recursive descent over the operators conditional compilation code uses here."""

    _LOGICAL = ("or", "xor", "and")

    def __init__(self, tokens: list[tuple[str, str]], defined: Mapping[str, object]):
        self.tokens, self.pos, self.defined = tokens, 0, defined

    def parse(self) -> object:
        value = self._logical(0)
        if self.pos != len(self.tokens):
            raise DirectiveError(f"unexpected {self.tokens[self.pos][1]!r}")
        return value

    def _peek(self) -> str:
        return self.tokens[self.pos][1].casefold() if self.pos < len(self.tokens) else ""

    def _take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise DirectiveError("expression ends too early")
        self.pos += 1
        return self.tokens[self.pos - 1]

    def _logical(self, level: int) -> object:
        if level == len(self._LOGICAL):
            return self._not()
        op = self._LOGICAL[level]
        value = self._logical(level + 1)
        while self._peek() == op:
            self._take()
            right = self._logical(level + 1)
            left, right = _int(value), _int(right)
            value = {"or": left | right, "xor": left ^ right, "and": left & right}[op]
        return value

    def _not(self) -> object:
        if self._peek() == "not":
            self._take()
            return ~_int(self._not())
        return self._comparison()

    def _comparison(self) -> object:
        value = self._operand()
        while self._peek() in ("=", "<>", "<", ">", "<=", ">="):
            op = self._take()[1]
            right = self._operand()
            value = TRUE if _compare(value, op, right) else FALSE
        return value

    def _operand(self) -> object:
        kind, text = self._take()
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "num":
            return float(text) if "." in text else int(text)
        if text == "(":
            value = self._logical(0)
            if self._take()[1] != ")":
                raise DirectiveError("missing )")
            return value
        if kind == "word":
            word = text.casefold()
            if word in ("true", "false"):
                return TRUE if word == "true" else FALSE
            return self.defined.get(word)  # None: Empty, an undefined constant
        raise DirectiveError(f"unexpected {text!r}")


def _int(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        raise DirectiveError(f"a string in a logical operation: {value!r}")
    return int(value)


def _compare(left: object, op: str, right: object) -> bool:
    if isinstance(left, str) or isinstance(right, str):
        left = "" if left is None else left
        right = "" if right is None else right
        if not (isinstance(left, str) and isinstance(right, str)):
            raise DirectiveError(f"comparing a string with a number: {left!r} {op} {right!r}")
    else:
        left, right = left or 0, right or 0
    return {"=": left == right, "<>": left != right, "<": left < right,
            ">": left > right, "<=": left <= right, ">=": left >= right}[op]
