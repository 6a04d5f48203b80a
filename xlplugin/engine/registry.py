"""Check implementations, registered by name; a rule in the pack names its check.

A check is a generator `fn(ctx, rule)` that yields findings. Several rules may share
one check (JPL-A1 and JPL-B1 are both `jpl_range` with other params), so a new
limit or rincian is a data edit in the rule pack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..domain.finding import Finding

CheckFn = Callable[..., Iterator[Finding]]
CHECKS: dict[str, CheckFn] = {}


def check(name: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise ValueError(f"check {name} registered twice")
        CHECKS[name] = fn
        return fn
    return register


def load_checks() -> dict[str, CheckFn]:
    """Import every check module so their decorators run."""
    import importlib
    import pkgutil

    from . import checks

    for info in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{info.name}")
    return CHECKS
