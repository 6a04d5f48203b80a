"""The live check's Python cost: `DAK_PERIKSA` after an edit (one engine run) and again
with unchanged inputs (memo hit), on a benchmark Dokumen passed as the template passes
it, each table down to its last filled row. Python side only: the COM transfer needs
Excel (`bench.udf_cost` estimates it).

    python -m bench.udf_status [small|large]
"""

from __future__ import annotations

import sys
import time

from bench.scale import counts, scaled_dokumen
from bench.udf_call import filled_rows


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, "tests")
    from macros.udf_args import check_args

    import udfs.dak_udfs as udf

    size = (argv or sys.argv[1:] or ["large"])[0]
    doc = scaled_dokumen(size)
    args = check_args(doc)
    for param in udf.TABLE_PARAMS:
        args[param] = filled_rows(args[param])
    udf._analyse.cache_clear()
    started = time.perf_counter()
    udf.DAK_PERIKSA(**args)
    first = time.perf_counter() - started
    started = time.perf_counter()
    udf.DAK_PERIKSA(**args)
    again = time.perf_counter() - started
    print(f"{size} {counts(doc)}: engine run {first:.3f} s; memo hit {again * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
