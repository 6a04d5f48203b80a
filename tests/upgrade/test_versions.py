"""Which workbooks the upgrade takes: older known templates only; a newer one says the
installed package is older; the migration tables chain every published layout to the
current one."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlplugin.io.version import WorkbookVersion
from xlplugin.layout import load_layout
from xlplugin.layout.history import PUBLISHED, current
from xlplugin.upgrade import run
from xlplugin.upgrade.steps import all_steps, chain


def _stated(monkeypatch, version: WorkbookVersion) -> None:
    monkeypatch.setattr(run, "read_version", lambda path: version)


def test_a_workbook_of_a_newer_template_says_the_package_is_older(monkeypatch):
    _stated(monkeypatch, WorkbookVersion("9.0.0", "2099.1", 2099, "properti"))
    with pytest.raises(run.UpgradeRefused) as refused:
        run.check_version(Path("baru.xlsm"))
    assert "lebih baru daripada xlplugin yang terpasang" in str(refused.value)
    assert "install.bat" in str(refused.value)


def test_a_workbook_of_an_unknown_template_is_refused(monkeypatch):
    _stated(monkeypatch, WorkbookVersion(None, None, None, "tidak dikenal"))
    with pytest.raises(run.UpgradeRefused, match="tidak dikenali"):
        run.check_version(Path("lain.xlsm"))


def test_the_current_version_is_already_current(monkeypatch):
    _stated(monkeypatch, WorkbookVersion(*current(), 2023, "properti"))
    with pytest.raises(run.AlreadyCurrent):
        run.check_version(Path("ini.xlsm"))


def test_every_published_layout_has_a_chain_of_steps_to_the_current_one():
    for _, layout in PUBLISHED:
        steps = chain(layout, load_layout().version)
        assert steps and steps[0].source == layout
        assert steps[-1].target == load_layout().version


def test_the_migration_tables_name_only_tables_and_columns_their_layouts_have():
    from xlplugin.layout.history import layout_for

    for step in all_steps():
        old, new = layout_for(step.source), layout_for(step.target)
        for change in step.of("column_added"):
            assert change["column"] not in {c.key for c in old.tables[change["table"]].columns}
            new.tables[change["table"]].column(change["column"])
        for change in step.of("table_added"):
            assert change["table"] not in old.tables and change["table"] in new.tables
        for change in step.of("approvals_from_slot"):
            for key in ("nomor", "tanggal", "alasan"):
                old.tables[change["table"]].column(change[key])
            for key in change["columns"]:
                new.tables[change["to"]].column(key)


def test_the_default_name_is_beside_the_old_file_and_never_the_old_path(tmp_path):
    old = tmp_path / "RAB.xlsm"
    assert run.default_target(old) == tmp_path / f"RAB_v{current()[0]}.xlsm"
    with pytest.raises(run.UpgradeRefused, match="tidak boleh sama"):
        run.upgrade_file(old, old)


def test_each_migration_table_accounts_for_every_column_and_table_its_layouts_differ_by():
    from xlplugin.layout.history import layout_for

    for step in all_steps():
        old, new = layout_for(step.source), layout_for(step.target)
        added = {(c["table"], c["column"]) for c in step.of("column_added")}
        added |= {(c["table"], c["new"]) for c in step.of("column_renamed")}
        added |= {(c["to_table"], c.get("to_column", c["column"]))
                  for c in step.of("column_moved")}
        gone = {(c["table"], c["column"]) for c in step.of("column_removed")}
        gone |= {(c["table"], c["old"]) for c in step.of("column_renamed")}
        gone |= {(c["table"], c["column"]) for c in step.of("column_moved")}
        for key, table in new.tables.items():
            if key not in old.tables:
                assert key in {c["table"] for c in step.of("table_added")}, key
                continue
            before = {c.key for c in old.tables[key].columns}
            after = {c.key for c in table.columns}
            assert {(key, k) for k in after - before} <= added, (step.target, key)
            assert {(key, k) for k in before - after} <= gone, (step.target, key)
