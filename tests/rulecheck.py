"""What every rule test asks of the engine: the findings of one rule, and where they are;
and the same through the CLI on a built workbook."""

from xlplugin.engine import validate


def fired(doc, rule):
    """Findings of `rule` for `doc`; no message may keep an unfilled {placeholder}."""
    found = [f for f in validate(doc) if f.rule == rule]
    assert all("{" not in f.message for f in found), found
    return found


def where(f):
    return f.severity, f.sheet, f.cell


def workbook(doc, path):
    """The real template (.xlsm) filled with `doc`, as the Dinas would hand it in."""
    from xlplugin.template.build import build_template

    return build_template(doc=doc, out=path.with_suffix(".xlsm"))


def checked(path, capsys, *extra):
    """`xlplugin validate PATH --json` as a user runs it: (exit code, findings as dicts)."""
    import json

    from xlplugin.cli.main import main

    code = main(["validate", str(path), "--json", *(extra or ("--no-write",))])
    return code, json.loads(capsys.readouterr().out)
