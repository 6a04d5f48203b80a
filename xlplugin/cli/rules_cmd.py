"""`xlplugin rules`: every rule ID with its status; --missing for what is not done."""

from __future__ import annotations

HELP = "Daftar aturan juknis beserta status penerapannya."


def add_arguments(parser) -> None:
    parser.add_argument("--missing", action="store_true",
                        help="hanya aturan RULES.md yang belum diterapkan; keluar 1 bila ada")
    parser.add_argument("--tahun", type=int, default=2023, help="tahun anggaran paket aturan")


def rule_status(tahun: int) -> tuple[list[tuple[str, str, str, str, str]], list[str], str | None]:
    """(rows of id/severity/clause/status/title, missing ids, catalogue path)."""
    from ..engine.registry import load_checks
    from ..rulepack import load_pack
    from ..rulepack.catalogue import catalogue_ids, find_catalogue

    pack, checks = load_pack(tahun), load_checks()
    path = find_catalogue()
    wanted = catalogue_ids(path) if path else list(pack.rules)
    rows, missing = [], []
    for rid in wanted:
        rule = pack.rules.get(rid)
        done = rule is not None and rule.check in checks
        if not done:
            missing.append(rid)
        rows.append((rid, rule.severity.value if rule else "-", rule.clause if rule else "-",
                     "diterapkan" if done else "BELUM", rule.title if rule else "-"))
    return rows, missing, str(path) if path else None


def run(args) -> int:
    rows, missing, path = rule_status(args.tahun)
    if not path:
        print("Katalog RULES.md tidak ditemukan; yang ditampilkan aturan dalam paket.")
    shown = [r for r in rows if r[3] == "BELUM"] if args.missing else rows
    for rid, sev, clause, status, title in shown:
        print(f"{rid:<26} {sev:<18} {status:<11} {clause:<30} {title}")
    print(f"{len(rows) - len(missing)} dari {len(rows)} aturan diterapkan.")
    return 1 if args.missing and missing else 0
