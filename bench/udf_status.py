"""UDF cost per recalculation: the first status UDF (one engine run) and the other six
(memo hits), on the `large` benchmark Dokumen (2,000 RAB lines, 3,000 peserta) passed as
full-capacity ranges, as Excel passes them. Python side only: the COM transfer of the
ranges into Python is not measured here (that needs Excel; see tests/excel).

    python -m bench.udf_status [small|large]
"""

from __future__ import annotations

import sys
import time

from bench.scale import counts, scaled_dokumen


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, "tests")
    from macros.udf_args import udf_args

    import udfs.dak_udfs as udf
    from xlplugin.layout.udf import STATUS_UDF

    size = (argv or sys.argv[1:] or ["large"])[0]
    doc = scaled_dokumen(size)
    args = udf_args(doc)
    udf._analyse.cache_clear()
    names = list(STATUS_UDF.values())
    started = time.perf_counter()
    getattr(udf, names[0])(**args)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for name in names[1:]:
        getattr(udf, name)(**args)
    rest = time.perf_counter() - started
    print(f"{size} {counts(doc)}: engine run {first:.3f} s; "
          f"{len(names) - 1} memo hits {rest * 1000:.0f} ms in total")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
