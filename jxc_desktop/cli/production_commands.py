"""jxc bom … | jxc mrp run|firm | jxc cost run | jxc wo …, and the production imports.

The importers in IMPORTERS are added to `jxc import KIND` by cli/data_commands.py:
boms, work-hours, wip.
"""

from __future__ import annotations

import json
from pathlib import Path

from jxc_desktop.cli import open_db
from jxc_desktop.engine.i18n import tr


def _import_boms(path: Path, args) -> str:
    from jxc_desktop.engine.production.bom_import import import_boms

    result = import_boms(path)
    return tr(
        "导入完成：物料清单 {b} 个，子项 {n} 行",
        "Import done: {b} BOMs, {n} component lines",
        b=result.boms,
        n=result.lines,
    )


IMPORTERS = {"boms": _import_boms}


def register(sub) -> None:
    p = sub.add_parser("bom", help="show a BOM explosion or where an item is used")
    p.add_argument("action", choices=["explode", "where-used"])
    p.add_argument("item")
    p.add_argument("--qty", default="1")
    p.set_defaults(func=cmd_bom)


def cmd_bom(args) -> int:
    from jxc_desktop.engine import money
    from jxc_desktop.engine.production import bom
    from jxc_desktop.engine.reports.production import require_item

    open_db(args)
    item = require_item(args.item)
    if args.action == "explode":
        rows = [
            {
                "level": e.level,
                "parent": e.parent.code,
                "component": e.component.code,
                "qty_per": money.format_plain(e.qty_per, 6),
                "qty": money.format_plain(e.extended, 4),
            }
            for e in bom.explode(item, money.D(args.qty))
        ]
    else:
        rows = [
            {"parent": parent.code, "version": version, "qty_per": money.format_plain(per, 6)}
            for parent, version, per in bom.where_used(item)
        ]
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0
