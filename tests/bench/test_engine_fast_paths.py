"""The engine's shortcuts give exactly the answers of the long way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xlplugin.engine.checks.pengecualian import _may_match, _patterns, _word_parts
from xlplugin.engine.checks.peserta import memo_normal, normal
from xlplugin.rulepack import load_pack

KATA = tuple((rid, tuple(words))
             for rid, words in load_pack().rules["EXC-KATA"].params["kata"].items())
WORDS = [w for _, ws in KATA for w in ws]
PIECES = WORDS + [w.upper() for w in WORDS] + ["honorarium", "Narasumber", "  ", "-", ",",
                                               "ATK", "ſ", "K", "é", "x", "_", "1"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=6))
def test_exc_kata_precheck_never_skips_a_matching_uraian(parts):
    text = " ".join(parts) if len(parts) % 2 else "".join(parts)
    matched = any(p.search(text) for _, _, p in _patterns(KATA))
    if matched:
        assert _may_match(text, _word_parts(KATA))


def test_exc_kata_precheck_skips_plain_lines():
    assert not _may_match("Konsumsi peserta pelatihan (makan siang)", _word_parts(KATA))
    assert _may_match("Honor   PANITIA pelaksana", _word_parts(KATA))


@given(st.lists(st.sampled_from(["Kab. Sukamaju", " kabupaten  SUKAMAJU", None, 5, "IKM"])))
def test_memo_normal_equals_normal(values):
    aliases = {"kab.": "kabupaten"}
    memo = memo_normal(aliases)
    assert [memo(v) for v in values] == [normal(v, aliases) for v in values]
