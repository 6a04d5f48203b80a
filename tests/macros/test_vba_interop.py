"""The built vbaProject.bin is in MS-OVBA's version-independent form.

[MS-OVBA] 2.3.4.1: `_VBA_PROJECT` is Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00,
Reserved3 and no PerformanceCache on write; 2.3.4.3: a module stream is PerformanceCache
(MODULEOFFSET bytes) then CompressedSourceCode, so with no cache MODULEOFFSET is 0. Any
Office then compiles the project from source instead of loading a cache it trusts.

Read back with olefile, oletools' decompressor and the strict dir parser of `ovba_read`,
none of which the builder uses.
"""

from __future__ import annotations

import struct

import pytest
from pyopenvba._new_project import WORKBOOK_BASE, document_header

from macros.ovba_read import (
    module_source,
    open_cfb,
    parse_dir,
    streams,
    vba_project_bin,
)
from macros.vba_read import decoded_modules, lf, sheet_code_names
from xlplugin.layout import load_layout
from xlplugin.rulepack import load_pack
from xlplugin.template.macros.interop import InteropError, module_offsets, version_independent
from xlplugin.template.macros.package import with_vba_project
from xlplugin.template.macros.vba import DOCUMENT, project_modules
from xlplugin.template.sheets.config import UDF_MODULE

SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
# Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3 0x0000, little-endian.
VERSION_INDEPENDENT = bytes.fromhex("cc61ffff000000")


def expected_sources(path) -> dict[str, str]:
    """Module name -> the source the builder was given (CRLF), as the stream must hold it."""
    sources = {}
    for m in project_modules(load_pack(), load_layout(), UDF_MODULE):
        header = document_header(m.name, WORKBOOK_BASE) if m.kind == DOCUMENT else ""
        sources[m.name] = header + m.code
    for name in sheet_code_names(path):
        sources[name] = document_header(name, SHEET_BASE)
    return sources


# ---------------------------------------------------------------- the built template
def test_vba_project_stream_is_the_seven_version_independent_bytes(built_xlsm):
    assert streams(vba_project_bin(built_xlsm))["VBA/_VBA_PROJECT"] == VERSION_INDEPENDENT


def test_every_module_offset_in_dir_is_zero(built_xlsm):
    modules = parse_dir(streams(vba_project_bin(built_xlsm))["VBA/dir"]).modules
    assert modules
    assert {m.name: m.offset for m in modules if m.offset} == {}


def test_vba_storage_holds_dir_vba_project_and_module_streams_only(built_xlsm):
    data = vba_project_bin(built_xlsm)
    found = {p for p in streams(data) if p.startswith("VBA/")}
    modules = parse_dir(streams(data)["VBA/dir"]).modules
    # No __SRP_ stream either: those are performance caches too ([MS-OVBA] 2.2.6).
    assert found == {"VBA/dir", "VBA/_VBA_PROJECT"} | {f"VBA/{m.stream_name}" for m in modules}


def test_each_module_stream_is_its_compressed_source_from_byte_zero(built_xlsm):
    data = vba_project_bin(built_xlsm)
    directory = parse_dir(streams(data)["VBA/dir"])
    expected = expected_sources(built_xlsm)
    assert {m.name for m in directory.modules} == set(expected)
    for module in directory.modules:
        assert module.offset == 0
        assert module_source(data, module, directory.code_page) == expected[module.name], \
            module.name


def test_olevba_decodes_every_module_equal_to_its_source(built_xlsm):
    expected = {name: lf(text) for name, text in expected_sources(built_xlsm).items()}
    assert decoded_modules(built_xlsm) == expected


def test_compound_file_has_no_structural_defect(built_xlsm):
    ole = open_cfb(vba_project_bin(built_xlsm))  # raises on a defect olefile would log
    ole.close()


@pytest.mark.slow
def test_two_template_builds_give_the_same_bytes(template_xlsm, tmp_path):
    from xlplugin.template.build import build_template

    again = build_template(out=tmp_path / "again.xlsm")
    assert vba_project_bin(again) == vba_project_bin(template_xlsm)
    assert again.read_bytes() == template_xlsm.read_bytes()


# ---------------------------------------------------------------- the rewrite itself
@pytest.fixture(scope="module")
def pyopenvba_bin(xlsx_bytes) -> bytes:
    """vbaProject.bin exactly as pyOpenVBA writes it, before the rewrite."""
    import io
    import zipfile

    modules = project_modules(load_pack(), load_layout(), UDF_MODULE)
    with zipfile.ZipFile(io.BytesIO(with_vba_project(xlsx_bytes, modules))) as zf:
        return zf.read("xl/vbaProject.bin")


def offset_record(offset: int) -> bytes:
    return struct.pack("<HII", 0x0031, 4, offset)  # MODULEOFFSET


def test_rewrite_changes_only_the_cache_the_offsets_and_the_prefixed_streams(pyopenvba_bin):
    before, after = streams(pyopenvba_bin), streams(version_independent(pyopenvba_bin))
    prefixed = {m.stream_name: m.offset for m in parse_dir(before["VBA/dir"]).modules
                if m.offset}
    # What the rewrite is for: pyOpenVBA keeps a seed module's compiled prefix. If this
    # fails, pyOpenVBA no longer does, and interop may shrink to the _VBA_PROJECT stream.
    assert prefixed, "pyOpenVBA wrote no module with a performance cache"
    assert set(after) == set(before)
    for path, data in before.items():
        name = path.removeprefix("VBA/")
        if path in ("VBA/_VBA_PROJECT", "VBA/dir"):
            continue
        if path.startswith("VBA/") and name in prefixed:
            assert after[path] == data[prefixed[name]:], path
        else:
            assert after[path] == data, path


def test_rewrite_changes_in_dir_only_the_module_offset_values(pyopenvba_bin):
    from oletools.olevba import decompress_stream

    before = bytes(decompress_stream(bytearray(streams(pyopenvba_bin)["VBA/dir"])))
    after = bytes(decompress_stream(bytearray(
        streams(version_independent(pyopenvba_bin))["VBA/dir"])))
    expected = before
    for module in parse_dir(streams(pyopenvba_bin)["VBA/dir"]).modules:
        if module.offset:
            assert expected.count(offset_record(module.offset)) == 1
            expected = expected.replace(offset_record(module.offset), offset_record(0))
    assert after == expected


def test_rewrite_is_deterministic_and_idempotent(pyopenvba_bin):
    once = version_independent(pyopenvba_bin)
    assert version_independent(pyopenvba_bin) == once
    assert version_independent(once) == once


def test_a_dir_stream_that_does_not_read_to_its_terminator_stops_the_build(pyopenvba_bin):
    from oletools.olevba import decompress_stream

    raw = bytes(decompress_stream(bytearray(streams(pyopenvba_bin)["VBA/dir"])))
    assert module_offsets(raw)
    with pytest.raises(InteropError):
        module_offsets(raw[:-20])  # cut inside the last module record
