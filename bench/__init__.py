"""Benchmarks: workbook generator, engine micro-benchmark and the issue-8 runner.

Run from the repository root as modules, e.g. `python -m bench.run`.
"""
