import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "fakes"))


@pytest.fixture(scope="session")
def pack():
    from xlplugin.rulepack import load_pack

    return load_pack()
