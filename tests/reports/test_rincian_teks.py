"""The KAK texts of each rincian come from the regulation, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xlplugin.rulepack import load_pack

KEYS = ("tujuan", "sasaran", "bentuk", "metode", "jangka_waktu", "tempat", "target_peserta",
        "narasumber_teks", "materi", "keluaran_teks", "penyelenggara")
REGULATION = Path(__file__).resolve().parents[3] / "shared" / "juknis" / "permenperin-7-2023.txt"


def _norm(text: str) -> str:
    """The regulation's text without markup, list dashes and line breaks."""
    text = text.replace("*", "")
    text = "\n".join(re.sub(r"^[\s-]+", "", line) for line in text.splitlines())
    return re.sub(r"\s+", " ", text).strip()


def test_every_rincian_carries_its_kak_texts():
    pack = load_pack()
    assert len(pack.rincian) == 17
    for kode, rincian in pack.rincian.items():
        missing = [k for k in KEYS if not str(rincian.info.get(k, "")).strip()]
        assert not missing, f"{kode} tanpa {missing}"
        assert rincian.info["tujuan"].startswith("Tujuan kegiatan")
        assert rincian.info["sasaran"].startswith("Sasaran kegiatan")


@pytest.mark.skipif(not REGULATION.exists(), reason="teks Permenperin tidak tersedia")
def test_kak_texts_are_verbatim_from_the_regulation():
    regulation = _norm(REGULATION.read_text(encoding="utf-8"))
    for kode, rincian in load_pack().rincian.items():
        for key in KEYS:
            for paragraph in rincian.info[key].splitlines():
                assert _norm(paragraph) in regulation, f"{kode}.{key}: {paragraph[:60]}"
