"""jxc report NAME [--from] [--to] [--period] [--item] [--warehouse] [--partner] [--format]."""

from __future__ import annotations

import datetime as dt
import sys

from jxc_desktop.cli import open_db
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import ReportParams, load_all, output


def register(sub) -> None:
    p = sub.add_parser("report", help="print any report")
    p.add_argument("name")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--period", help="YYYY-MM")
    p.add_argument("--item")
    p.add_argument("--warehouse")
    p.add_argument("--partner")
    p.add_argument("--format", choices=["table", "json", "csv", "xlsx"], default="table")
    p.add_argument("--output")
    p.add_argument("--qty", help="quantity (bom-cost)")
    p.add_argument("--bucket", choices=["day", "week"], help="period size (mrp-record)")
    p.add_argument("--days", help="days ahead (supplier-qualifications)")
    p.add_argument("--option", action="append", default=[], help="KEY=VALUE report option")
    p.set_defaults(func=cmd_report)


def parse_date(text: str | None, name: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise JxcError(
            tr("{n} 应为 YYYY-MM-DD：{t}", "{n} must be YYYY-MM-DD: {t}", n=name, t=text)
        ) from exc


def params_from_args(args) -> ReportParams:
    params = ReportParams(
        date_from=parse_date(args.date_from, "--from"),
        date_to=parse_date(args.date_to, "--to"),
        item=args.item,
        warehouse=args.warehouse,
        partner=args.partner,
        extra=dict(o.split("=", 1) for o in args.option if "=" in o),
    )
    params.extra.update({k: v for k in ("qty", "bucket", "days") if (v := getattr(args, k, None))})
    if args.period:
        from jxc_desktop.engine.company import month_bounds

        try:
            params.date_from, params.date_to = month_bounds(args.period)
        except ValueError as exc:
            raise JxcError(tr("--period 应为 YYYY-MM", "--period must be YYYY-MM")) from exc
    return params


def cmd_report(args) -> int:
    open_db(args)
    reports = load_all()
    report = reports.get(args.name)
    if report is None:
        raise JxcError(
            tr(
                "未知报表 {n}；可用: {all}",
                "Unknown report {n}; available: {all}",
                n=args.name,
                all=", ".join(sorted(reports)),
            )
        )
    rows = report.run(params_from_args(args))
    if args.format == "xlsx":
        if not args.output:
            raise JxcError(tr("xlsx 格式需要 --output 文件", "--format xlsx needs --output FILE"))
        output.to_xlsx(report.columns, rows, args.output, report.title)
        return 0
    text = {
        "json": output.to_json,
        "csv": output.to_csv,
        "table": output.to_table,
    }[args.format](report.columns, rows)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
