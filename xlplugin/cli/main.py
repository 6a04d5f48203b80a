"""Entry point: parse the sub-command, import only its module, run it.

Each command module has `HELP`, `add_arguments(parser)` and `run(args) -> int`.
Heavy libraries are imported inside `run`, so `xlplugin validate` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "validate": "xlplugin.cli.validate_cmd",
    "build": "xlplugin.cli.build_cmd",
    "report": "xlplugin.cli.report_cmd",
    "kak": "xlplugin.cli.kak_cmd",
    "surat": "xlplugin.cli.surat_cmd",
    "demo": "xlplugin.cli.demo_cmd",
    "rekap": "xlplugin.cli.rekap_cmd",
    "diff": "xlplugin.cli.diff_cmd",
    "bundle": "xlplugin.cli.bundle_cmd",
    "rules": "xlplugin.cli.rules_cmd",
    "layout": "xlplugin.cli.layout_cmd",
    "upgrade": "xlplugin.cli.upgrade_cmd",
}


def _parser(argv: list[str]) -> tuple[argparse.ArgumentParser, dict]:
    parser = argparse.ArgumentParser(
        prog="xlplugin",
        description="Pemeriksa dan pembuat buku kerja RAB/KAK DAK Nonfisik Sentra IKM.",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    modules = {}
    for name, path in COMMANDS.items():
        if wanted and name != wanted:
            sub.add_parser(name)  # listed in help; its options load only when chosen
            continue
        try:
            module = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path:
                raise
            continue
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        modules[name] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    _quiet_broken_pipe()
    from .bahasa import install

    install()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, modules = _parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    module = modules.get(args.command)
    if module is None:
        print(f"Perintah '{args.command}' belum tersedia di versi ini.", file=sys.stderr)
        return 2
    return module.run(args)


def _quiet_broken_pipe() -> None:
    """`xlplugin rules | head` should end quietly, as Unix tools do."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
