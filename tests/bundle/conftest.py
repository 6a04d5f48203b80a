"""The bundle's real inputs, made once per session: the Windows wheels and the template."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = "3.11"


@pytest.fixture(scope="session")
def windows_wheels(tmp_path_factory) -> list[Path]:
    """Our wheel and every Windows dependency, as `xlplugin bundle` ships them for 3.11
    (fetched from PyPI into build/wheelhouse the first time, like the bundle)."""
    from xlplugin.bundle.wheels import Target, build_own_wheel, fetch

    own = build_own_wheel(ROOT, tmp_path_factory.mktemp("own-wheel"))
    return fetch(own, Target(PYTHON), ROOT / "build" / "wheelhouse" / f"win_amd64-cp{PYTHON}")


@pytest.fixture(scope="session")
def shipped_template(tmp_path_factory) -> Path:
    """The template as the bundle builds it (no developer interpreter override)."""
    from xlplugin.template.build import build_template
    from xlplugin.template.sheets.config import INTERPRETER_OVERRIDE

    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(INTERPRETER_OVERRIDE, raising=False)
        return build_template(out=tmp_path_factory.mktemp("shipped") / "template.xlsm")
