"""jxc bom … | jxc mrp run|firm | jxc cost run | jxc wo …, and the production imports.

The importers in IMPORTERS are added to `jxc import KIND` by cli/data_commands.py:
boms, work-hours, wip.
"""

from __future__ import annotations

import json
from pathlib import Path

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
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
    p = add_command(
        sub,
        "bom",
        "物料清单：展开 BOM，或查询商品用在哪些父项",
        "show a BOM explosion or where an item is used",
    )
    p.add_argument(
        "action",
        choices=["explode", "where-used"],
        help=h(
            "explode 逐层展开、where-used 反查上级",
            "explode (every level) or where-used (the parents using it)",
        ),
    )
    p.add_argument("item", help=h("商品编码", "item code"))
    p.add_argument(
        "--qty", default="1", help=h("父项数量（默认 1）", "parent quantity (1 by default)")
    )
    p.set_defaults(func=cmd_bom)
    _add_mrp(sub)
    _add_cost(sub)
    _add_wo(sub)


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


def _add_mrp(sub) -> None:
    p = add_command(sub, "mrp", "物料需求计划（MRP）", "material requirements planning")
    msub = p.add_subparsers(dest="mrp_action", required=True, help=h("操作", "action"))
    run = add_command(msub, "run", "列出计划订单", "list the planned orders")
    firm = add_command(
        msub,
        "firm",
        "把计划订单下达为采购申请（CGSQ）/ 生产订单（SCDD）",
        "turn planned orders into CGSQ / SCDD documents",
    )
    firm.add_argument(
        "items",
        nargs="*",
        help=h(
            "商品编码 ITEM（其全部计划订单）或 ITEM@YYYY-MM-DD（当天到期的那一张）；不填则全部",
            "ITEM (all its planned orders) or ITEM@YYYY-MM-DD (the one due that day); "
            "all if omitted",
        ),
    )
    for q in (run, firm):
        q.add_argument(
            "--from", dest="date_from", help=h("开始日期 YYYY-MM-DD", "first day, YYYY-MM-DD")
        )
        q.add_argument(
            "--to", dest="date_to", help=h("截止日期 YYYY-MM-DD", "last day, YYYY-MM-DD")
        )
        q.add_argument(
            "--warehouse",
            action="extend",
            nargs="+",
            default=[],
            help=h("参与计划的仓库编码（可多个）", "warehouse codes to plan for (one or more)"),
        )
    run.add_argument(
        "--format",
        choices=["json", "table"],
        default="table",
        help=h("输出格式（默认 table 表格）", "output format (table by default)"),
    )
    run.set_defaults(func=cmd_mrp_run)
    firm.set_defaults(func=cmd_mrp_firm)


def _plain(value):
    import datetime as dt
    from decimal import Decimal

    from jxc_desktop.engine import money

    if isinstance(value, Decimal):
        return money.format_plain(value, 4)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: _plain(v) for k, v in p.items()} for p in value]
    return value


def _start(args):
    """--from, else today: the 生产 tab's MRP starts today too (past-due dates move there)."""
    import datetime as dt

    from jxc_desktop.cli.report_commands import parse_date

    return parse_date(args.date_from, "--from") or dt.date.today()


def cmd_mrp_run(args) -> int:
    from jxc_desktop.cli.report_commands import parse_date
    from jxc_desktop.engine.production.mrp import run_mrp

    open_db(args)
    result = run_mrp(_start(args), parse_date(args.date_to, "--to"), args.warehouse)
    rows = [{k: _plain(v) for k, v in o.as_row().items()} for o in result.orders]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        pegs = ", ".join(f"{p['number']}×{p['qty']}" for p in r["pegging"])
        print(
            f"{r['item']}\t{r['kind']}\t{r['qty']}\t{r['purchase_qty']} {r['purchase_unit']}"
            f"\t{r['release_date']} → {r['due_date']}\t{pegs}"
        )
    return 0


def cmd_mrp_firm(args) -> int:
    from jxc_desktop.cli.report_commands import parse_date
    from jxc_desktop.engine.production.mrp_firm import firm

    open_db(args)
    items, keys = _firm_selection(args.items)
    numbers = firm(
        items,
        _start(args),
        parse_date(args.date_to, "--to"),
        args.warehouse,
        orders=keys,
    )
    print(tr("已生成 {n} 张单据", "{n} documents written", n=len(numbers)))
    for number in numbers:
        print(number)
    return 0


def _firm_selection(words: list[str]) -> tuple[list[str], list[tuple] | None]:
    """ITEM → all of its planned orders; ITEM@DATE → only the one due that day (then
    every word must name a day: exactly those orders are firmed)."""
    from jxc_desktop.cli.report_commands import parse_date
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.lookup import item_by_code
    from jxc_desktop.engine.production.mrp import KINDS

    if not any("@" in w for w in words):
        return words, None
    keys = []
    for word in words:
        code, _at, day = word.partition("@")
        if not day:
            raise JxcError(
                tr(
                    "请为每个商品写明需求日期（商品@YYYY-MM-DD）：{w}",
                    "Give every item its due date (ITEM@YYYY-MM-DD): {w}",
                    w=word,
                )
            )
        item = item_by_code(code)
        kind = KINDS.get(item.source, "purchase") if item else ""
        keys.append((code, kind, parse_date(day, word)))
    return [], keys


def _import_work_hours(path: Path, args) -> str:
    from jxc_desktop.engine.production.costing_import import import_work_hours

    n = import_work_hours(path)
    return tr("导入完成：工时 {n} 行", "Import done: {n} work-hour rows", n=n)


def _import_wip(path: Path, args) -> str:
    from jxc_desktop.engine.production.costing_import import import_wip

    n = import_wip(path)
    return tr("导入完成：在产品 {n} 行", "Import done: {n} work-in-process rows", n=n)


IMPORTERS.update({"work-hours": _import_work_hours, "wip": _import_wip})


def _add_cost(sub) -> None:
    p = add_command(sub, "cost", "按月计算产品成本", "product costing for a month")
    csub = p.add_subparsers(dest="cost_action", required=True, help=h("操作", "action"))
    texts = {
        "run": ("计算当月成本，写入完工成本和凭证", "run the cost calculation of a month"),
        "undo": ("撤销当月的成本计算", "undo the cost run of a month"),
    }
    for name in ("run", "undo"):
        q = add_command(csub, name, *texts[name])
        q.add_argument("period", help=h("期间 YYYY-MM", "the month, YYYY-MM"))
        q.set_defaults(func=cmd_cost_run if name == "run" else cmd_cost_undo)


def cmd_cost_run(args) -> int:
    from jxc_desktop.engine.production.costing_run import run_cost

    open_db(args)
    for line in run_cost(args.period).summary():
        print(line)
    return 0


def cmd_cost_undo(args) -> int:
    from jxc_desktop.engine.production.costing_run import undo

    open_db(args)
    n = undo(args.period)
    print(tr("已撤销 {n} 张成本调整单", "{n} cost adjustments undone", n=n))
    return 0


def _add_wo(sub) -> None:
    p = add_command(
        sub,
        "wo",
        "生产订单：列出、完工、关闭、重新打开、差异分析",
        "work orders: list, complete, close, reopen, variance",
    )
    p.add_argument(
        "action",
        choices=["list", "complete", "close", "reopen", "variance"],
        help=h(
            "list 列出、complete 完工、close 关闭、reopen 重新打开、variance 差异",
            "list, complete, close, reopen or variance",
        ),
    )
    p.add_argument(
        "number", nargs="?", help=h("生产订单编号（SCDD…）", "work order number (SCDD...)")
    )
    p.set_defaults(func=cmd_wo)


def cmd_wo(args) -> int:
    from jxc_desktop.engine import money
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.production import workorders

    open_db(args)
    if args.action == "list":
        rows = [
            {
                "number": v.number,
                "item": v.item,
                "status": v.status,
                "planned_qty": money.format_plain(v.planned_qty, 4),
                "completed_qty": money.format_plain(v.completed_qty, 4),
                "wip": money.format_plain(v.wip, 2),
            }
            for v in workorders.work_orders()
        ]
    elif not args.number:
        raise JxcError(tr("请给出生产订单编号", "Give the work order number"))
    elif args.action == "variance":
        rows = [
            {k: money.format_plain(v, 4) if k != "item" else v for k, v in r.items()}
            for r in workorders.variance(args.number)
        ]
    else:
        status = {"complete": "completed", "close": "closed", "reopen": "released"}[args.action]
        workorders.set_status(args.number, status)
        rows = [{"number": args.number, "status": status}]
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0
