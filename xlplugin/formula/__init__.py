"""A small evaluator of the Excel formula subset the template emits.

openpyxl saves formulas without results, so a template opened in Protected View (no
recalculation) or a previewer would show blanks. This package computes every formula
cell of an openpyxl workbook generally (parse, then evaluate), not by re-coding each
formula: the layout's templates, the Rekap totals and the conditional formats all go
through the same parser. `xlplugin.ooxml.cached` writes the results into the saved file.
The `formulas` package recomputes built workbooks in the tests as an independent oracle.

Modules, bottom to top: `errors` and `values` (what a cell holds), `tokens` and `parser`
(text into a tree of tuples), `cells` (formula cells, ranges), `criteria`, `operators`,
`functions` and `value_functions` (the semantics), `evaluate` (the `Evaluator`),
`workbook` (entry points over an openpyxl workbook).

The supported subset
--------------------
References: `A1`, `$A$1`, `A1:B9`, sheet-qualified (`Sheet!A1`, `'Its name'!A1:A9`) and
workbook-level defined names (evaluated as formulas in the referring cell's row).
Whole-column or whole-row references (`A:A`, `1:1`) are outside the grammar.

Literals: numbers, "text" (`""` for a quote), TRUE/FALSE, error literals (#N/A, ...).

Operators, by precedence from low to high: comparison `= <> < > <= >=`, concatenation
`&`, `+ -`, `* /`, `^`, unary `- +`. No `%`, no intersection or union operators.

Functions taking their arguments unevaluated (`functions.FUNCTIONS`): IF, IFERROR, AND,
OR, SUM, MAX, COUNT, COUNTA, SUMIFS, COUNTIF, COUNTIFS, MATCH (match type 0 over a range
only), INDEX (one row or one column, one index), ROW, SUMPRODUCT. Value functions
(`value_functions.PURE`): ISNUMBER, ISTEXT, NOT, ROUND, INT, ABS, YEAR, MONTH, EDATE,
DATE, LEN, TRIM, UPPER, LOWER, LEFT, RIGHT, SUBSTITUTE, TEXT (zero-padding formats "0..."
only), _xlfn.UNICODE. Any other function (the xlwings UDFs) evaluates to #NAME?, which the
template always wraps in IFERROR; a formula outside the grammar raises `FormulaError`.

Semantics follow Excel: blank = 0 in arithmetic and "" in text, text compares without
case, numbers < text < booleans across types, dates are serial numbers from 1899-12-30,
ROUND goes half away from zero at 15 significant digits, SUMIFS/COUNTIF(S) criteria
accept operators and the wildcards * ? ~ (a criterion cell that is empty counts as 0),
INDEX of a blank cell is 0, MATCH of a blank is #N/A, a circular reference is #REF!.

Arrays: inside SUMPRODUCT a range becomes the list of its values (row by row), operators
and value functions apply element by element (a scalar repeats; lists of different
lengths give #VALUE!), MAX and MIN (MIN only there) aggregate over every element, and ROW(range) gives the
row numbers. Elsewhere a multi-cell range used as a value takes the implicit intersection
(a one-column range at the formula's row), else #VALUE!. An array formula is evaluated at
its anchor cell like any other.

Speed: a formula is parsed once per shape (rows made relative), and SUMIFS/COUNTIF(S)/
MATCH on plain equality criteria use a hash index per range, so a 2,000-line RAB
costs well under a second.
"""

from .cells import Formula, Range
from .errors import FormulaError, XLError
from .evaluate import Evaluator
from .parser import parse
from .values import general
from .workbook import compute_cached, grid_of, names_of

__all__ = ["Evaluator", "Formula", "FormulaError", "Range", "XLError", "compute_cached",
           "general", "grid_of", "names_of", "parse"]
