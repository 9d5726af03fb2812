"""jxc capacity level|shift|day|calendar: the work-centre calendar and 有限产能排程.

- `jxc capacity level [--from DATE] [--apply] [--format json|table]`: schedules the
  open work orders into finite capacity; JSON is {"from", "applied", "orders": [...],
  "load": [...]} with the keys of the capacity-schedule and capacity-schedule-load
  reports. `--apply` stores the planned dates of the orders not yet in progress.
- `jxc capacity shift CENTRE --from DATE --shifts N --hours H [--weekdays 123456]`
  sets the centre's 班次 from that date on (`--remove` deletes that pattern).
- `jxc capacity day DATE closed|overtime [--hours H] [--centre CODE] [--remarks TEXT]`
  records a holiday or overtime, for one centre or all (`--remove` deletes it).
- `jxc capacity calendar CENTRE`: its patterns and exceptions as JSON.
- `jxc import work-calendar FILE` (IMPORTERS, added by cli/data_commands.py): holidays
  and overtime days from a sheet (engine/production/capacity_import.py).
"""

from __future__ import annotations

import json

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine.i18n import tr


def _import_calendar(path, args) -> str:
    from jxc_desktop.engine.production.capacity_import import import_calendar

    return tr(
        "导入完成：工作日历 {n} 天", "Import done: {n} calendar days", n=import_calendar(path)
    )


IMPORTERS = {"work-calendar": _import_calendar}


def register(sub) -> None:
    p = add_command(
        sub,
        "capacity",
        "工作中心日历与有限产能排程",
        "work-centre calendar and finite scheduling",
    )
    csub = p.add_subparsers(dest="capacity_action", required=True, help=h("操作", "action"))
    lv = add_command(
        csub,
        "level",
        "把未完工的生产订单排入有限产能",
        "schedule open work orders into finite capacity",
    )
    lv.add_argument(
        "--from",
        dest="date_from",
        help=h("排程起始日 YYYY-MM-DD，默认今天", "first day, YYYY-MM-DD; today by default"),
    )
    lv.add_argument(
        "--apply",
        action="store_true",
        help=h("保存尚未开工订单的计划日期", "store the planned dates of orders not yet started"),
    )
    lv.add_argument(
        "--format",
        choices=["json", "table"],
        default="table",
        help=h("输出格式（默认 table 表格）", "output format (table by default)"),
    )
    lv.set_defaults(func=cmd_level)
    _register_shift(csub)
    _register_day(csub)
    cal = add_command(
        csub, "calendar", "查看工作中心的日历（JSON）", "show a work centre's calendar"
    )
    cal.add_argument("centre", help=h("工作中心编码", "work centre code"))
    cal.set_defaults(func=cmd_calendar)


def _register_shift(csub) -> None:
    sh = add_command(
        csub, "shift", "设置工作中心自某日起的班次", "set a work centre's shifts from a date on"
    )
    sh.add_argument("centre", help=h("工作中心编码", "work centre code"))
    sh.add_argument(
        "--from",
        dest="date_from",
        required=True,
        help=h("生效日期 YYYY-MM-DD", "effective from, YYYY-MM-DD"),
    )
    sh.add_argument(
        "--shifts", default="1", help=h("每天班次数（默认 1）", "shifts a day (1 by default)")
    )
    sh.add_argument(
        "--hours", default="8", help=h("每班小时数（默认 8）", "hours a shift (8 by default)")
    )
    sh.add_argument(
        "--weekdays",
        default="",
        help=h(
            "工作日：1-7 的数字（周一=1），如 12345；不填则用公司的工作周",
            "working days as digits 1-7 (Monday = 1), e.g. 12345; the company's week if empty",
        ),
    )
    sh.add_argument(
        "--remove", action="store_true", help=h("删除自该日起的班次设置", "delete that pattern")
    )
    sh.set_defaults(func=cmd_shift)


def _register_day(csub) -> None:
    day = add_command(
        csub,
        "day",
        "登记某一天的休息（closed）或加班（overtime）",
        "a holiday (closed) or overtime on one day",
    )
    day.add_argument("date", help=h("日期 YYYY-MM-DD", "the day, YYYY-MM-DD"))
    day.add_argument(
        "kind",
        choices=["closed", "overtime"],
        nargs="?",
        default="closed",
        help=h("closed 休息（默认）或 overtime 加班", "closed (default) or overtime"),
    )
    day.add_argument("--hours", default="0", help=h("加班小时数", "overtime hours"))
    day.add_argument(
        "--centre",
        default="",
        help=h("工作中心编码；不填则所有工作中心", "work centre code; all if empty"),
    )
    day.add_argument("--remarks", default="", help=h("备注", "remarks"))
    day.add_argument(
        "--remove", action="store_true", help=h("删除当天的例外", "delete that day's entry")
    )
    day.set_defaults(func=cmd_day)


def _json(rows, columns) -> list[dict]:
    from jxc_desktop.engine.reports import Column
    from jxc_desktop.engine.reports.output import plain_value

    kinds = {c.key: c for c in columns}
    return [{k: plain_value(kinds.get(k, Column(k, k, k)), v) for k, v in r.items()} for r in rows]


def cmd_level(args) -> int:
    from jxc_desktop.cli.report_commands import parse_date
    from jxc_desktop.engine import money
    from jxc_desktop.engine.production import capacity_level as cl
    from jxc_desktop.engine.production.capacity_reports import LOAD_COLUMNS, ORDER_COLUMNS

    open_db(args)
    start = parse_date(args.date_from, "--from")
    schedule = cl.apply_level(start) if args.apply else cl.level(start)
    orders = _json(cl.order_rows(schedule), ORDER_COLUMNS)
    if args.format == "json":
        out = {
            "from": schedule.date_from.isoformat(),
            "applied": bool(args.apply),
            "orders": orders,
            "load": _json(schedule.load_rows(), LOAD_COLUMNS),
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for r in orders:
        late = tr("延误 {n} 天", "{n} days late", n=r["lateness"]) if r["late"] else ""
        print(
            f"{r['number']}\t{r['item']}\t{r['status_label']}\t{money.format_qty(r['hours'])}\t"
            f"{r['start'] or ''} → {r['finish'] or ''}\t{r['due']}\t{late or r['problem']}"
        )
    if args.apply:
        print(tr("已应用排程", "Schedule applied"))
    return 0


def cmd_shift(args) -> int:
    from jxc_desktop.cli.report_commands import parse_date
    from jxc_desktop.engine.production import capacity_calendar as cc

    open_db(args)
    start = parse_date(args.date_from, "--from")
    if args.remove:
        done = cc.remove_shifts(args.centre, start)
        print(tr("已删除", "Removed") if done else tr("没有该班次", "No such pattern"))
        return 0
    cc.set_shifts(args.centre, start, args.shifts, args.hours, args.weekdays)
    print(tr("已保存", "Saved"))
    return 0


def cmd_day(args) -> int:
    from jxc_desktop.cli.report_commands import parse_date
    from jxc_desktop.engine.production import capacity_calendar as cc

    open_db(args)
    day = parse_date(args.date, "DATE")
    if args.remove:
        done = cc.remove_day(day, args.centre)
        print(tr("已删除", "Removed") if done else tr("当天没有例外", "Nothing on that day"))
        return 0
    cc.set_day(day, args.kind, args.hours, args.centre, args.remarks)
    print(tr("已保存", "Saved"))
    return 0


def cmd_calendar(args) -> int:
    from jxc_desktop.engine.production import capacity_calendar as cc

    open_db(args)
    rows = cc.calendar_rows(args.centre)
    out = {
        "shifts": [{k: _plain(v) for k, v in r.items()} for r in rows["shifts"]],
        "days": [{k: _plain(v) for k, v in r.items()} for r in rows["days"]],
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _plain(value):
    from decimal import Decimal

    from jxc_desktop.engine import money

    if isinstance(value, Decimal):
        return money.format_plain(value, 4)
    return value.isoformat() if hasattr(value, "isoformat") else value
