"""Every VBA module of the built template parses with an independent VBA grammar.

The grammar is antlr4-vba's (an ANTLR grammar of [MS-VBAL]); olevba reads the modules out
of the template. Each module is parsed once per Windows platform, 64-bit and 32-bit VBA 7,
with the `#If` branches that platform compiles (`vba_cc`), because xlwings.bas declares
its DLL functions once per branch. How the grammar is given class and document modules,
and the one header workaround it needs, is in `vba_syntax`.
"""

from __future__ import annotations

import pytest
from oletools.olevba import VBA_Parser
from pyopenvba._new_project import WORKBOOK_BASE, document_header

from macros.vba_cc import PLATFORMS, WIN32, WIN64, DirectiveError, preprocess
from macros.vba_syntax import syntax_errors

SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"


@pytest.fixture(scope="module")
def template_modules(template_xlsm) -> dict[str, tuple[str, bool]]:
    """Module name -> (source as the stream holds it, whether it is a class/document)."""
    parser = VBA_Parser(str(template_xlsm))
    try:
        return {file.rsplit(".", 1)[0]: (code, file.endswith(".cls"))
                for _, _, file, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.mark.slow
@pytest.mark.parametrize("platform", list(PLATFORMS))
def test_every_template_module_parses(platform, template_modules):
    assert {"xlwings", "Dictionary", "xlwings_udfs", "ThisWorkbook", "xlp_Python"} \
        <= set(template_modules)
    failures = {}
    for name, (source, is_class) in template_modules.items():
        errors = syntax_errors(preprocess(source, PLATFORMS[platform]), is_class=is_class)
        if errors:
            failures[name] = [str(e) for e in errors[:5]]
    assert failures == {}


# ---------------------------------------------------------------- the check can fail
PROBE = (
    'Attribute VB_Name = "Probe"\r\n'
    "Option Explicit\r\n"
    "#If Win64 Then\r\n"
    'Private Declare PtrSafe Function Ticks Lib "kernel32" Alias "GetTickCount64" () _\r\n'
    "    As LongLong\r\n"
    "#Else\r\n"
    'Private Declare PtrSafe Function Ticks Lib "kernel32" Alias "GetTickCount" () As Long As\r\n'
    "#End If\r\n"
    "\r\n"
    "Public Function Elapsed(ByVal since As Double) As Double\r\n"
    "    Elapsed = Ticks() - since\r\n"
    "End Function\r\n"
)


def test_an_error_in_the_win32_branch_only_fails_the_win32_parse():
    assert syntax_errors(preprocess(PROBE, WIN64), is_class=False) == []
    errors = syntax_errors(preprocess(PROBE, WIN32), is_class=False)
    assert errors and {e.line for e in errors} == {7}, errors


def test_a_broken_template_module_is_rejected(template_modules):
    source, _ = template_modules["xlp_Ribbon"]
    assert syntax_errors(source, is_class=False) == []
    lines = source.split("\r\n")
    first_end = lines.index("End Sub")
    broken = "\r\n".join(lines[:first_end] + lines[first_end + 1:])  # one End Sub lost
    assert syntax_errors(broken, is_class=False)


def test_a_document_module_header_as_excel_writes_it_parses():
    header = document_header("Sheet1", SHEET_BASE)
    assert syntax_errors(header + "Option Explicit\r\n", is_class=True) == []


def test_a_misspelt_header_attribute_is_still_rejected():
    header = document_header("ThisWorkbook", WORKBOOK_BASE).replace("VB_Exposed", "VB_Exposd")
    errors = syntax_errors(header + "Option Explicit\r\n", is_class=True)
    assert errors and errors[0].line == 6, errors  # line numbers are the module's own


def test_a_class_module_read_as_procedural_is_rejected():
    # Why class modules need the export form: a second header attribute ends a
    # procedural module's header, and the grammar's entry rule has no other way in.
    header = document_header("Sheet1", SHEET_BASE)
    assert syntax_errors(header + "Option Explicit\r\n", is_class=False)


# ---------------------------------------------------------------- the preprocessor
def kept(source: str, constants) -> list[str]:
    return [line for line in preprocess(source, constants).split("\n") if line]


def test_xlwings_app_constant_picks_the_excel_branch():
    source = ('#Const App = "Microsoft Excel" \'Adjust when using outside of Excel\n'
              '#If App = "Microsoft Excel" Then\nexcel\n'
              '#ElseIf App = "Microsoft Word" Then\nword\n'
              "#Else\nother\n#End If")
    assert kept(source, WIN64) == ["excel"]


def test_nested_branches_follow_the_platform():
    source = ("#If VBA7 Then\n#If Win64 Then\nx64\n#Else\nx86\n#End If\n"
              "#Else\nvba6\n#End If\n#If Not Mac Then\nwindows\n#End If")
    assert kept(source, WIN64) == ["x64", "windows"]
    assert kept(source, WIN32) == ["x86", "windows"]


def test_an_undefined_constant_is_empty():
    source = "#If MAC_OFFICE_VERSION >= 15 Then\nmac15\n#Else\nelse\n#End If"
    assert kept(source, WIN64) == ["else"]


def test_dictionary_uses_scripting_dictionary_on_windows():
    source = ("#Const UseScriptingDictionaryIfAvailable = True\n"
              "#If Mac Or Not UseScriptingDictionaryIfAvailable Then\nnative\n"
              "#Else\nscripting\n#End If")
    assert kept(source, WIN64) == ["scripting"]


def test_line_numbers_and_line_ends_are_kept():
    source = "a\r\n#If Mac Then\r\nb\r\n#End If\r\nc\r\n"
    assert preprocess(source, WIN64) == "a\r\n\r\n\r\n\r\nc\r\n"


@pytest.mark.parametrize("source", ["#If Win64 Then\nx", "#End If", "#Else\n#End If",
                                    "#If Win64\nx\n#End If", '#If "text" Then\n#End If'])
def test_malformed_conditional_compilation_is_an_error(source):
    with pytest.raises(DirectiveError):
        preprocess(source, WIN64)
