"""What every rule test asks of the engine: the findings of one rule, and where they are."""

from xlplugin.engine import validate


def fired(doc, rule):
    """Findings of `rule` for `doc`; no message may keep an unfilled {placeholder}."""
    found = [f for f in validate(doc) if f.rule == rule]
    assert all("{" not in f.message for f in found), found
    return found


def where(f):
    return f.severity, f.sheet, f.cell
