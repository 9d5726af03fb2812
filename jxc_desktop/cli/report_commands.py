"""jxc report NAME [--from] [--to] [--period] [--item] [--warehouse] [--partner] [--format]."""

from __future__ import annotations

import datetime as dt
import sys

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import ReportParams, load_all, output


def register(sub) -> None:
    p = add_command(
        sub,
        "report",
        "输出任一报表（表格、JSON、CSV 或 xlsx）",
        "print any report (table, JSON, CSV or xlsx)",
    )
    p.add_argument(
        "name",
        help=h(
            "报表名，如 stock-balance（全部报表见 docs/REPORTS.md）",
            "report name, e.g. stock-balance (all of them in docs/REPORTS.md)",
        ),
    )
    p.add_argument(
        "--from", dest="date_from", help=h("开始日期 YYYY-MM-DD", "first day, YYYY-MM-DD")
    )
    p.add_argument("--to", dest="date_to", help=h("截止日期 YYYY-MM-DD", "last day, YYYY-MM-DD"))
    p.add_argument(
        "--period",
        help=h(
            "会计期间 YYYY-MM（即该月的 --from / --to）", "the month, YYYY-MM (its --from / --to)"
        ),
    )
    p.add_argument("--item", help=h("商品编码", "item code"))
    p.add_argument("--warehouse", help=h("仓库编码", "warehouse code"))
    p.add_argument("--partner", help=h("往来单位编码", "partner code"))
    p.add_argument(
        "--format",
        choices=["table", "json", "csv", "xlsx"],
        default="table",
        help=h("输出格式（默认 table 表格）", "output format (table by default)"),
    )
    p.add_argument(
        "--output",
        help=h(
            "写入的文件（xlsx 必填）；不填则输出到屏幕",
            "the file to write (needed for xlsx); the screen if omitted",
        ),
    )
    p.add_argument("--qty", help=h("数量（bom-cost）", "quantity (bom-cost)"))
    p.add_argument(
        "--bucket",
        choices=["day", "week"],
        help=h("时段：day 按天、week 按周（mrp-record）", "period size (mrp-record)"),
    )
    p.add_argument(
        "--days",
        help=h("向后看的天数（supplier-qualifications）", "days ahead (supplier-qualifications)"),
    )
    p.add_argument(
        "--option",
        action="append",
        default=[],
        help=h("报表选项 KEY=VALUE（可重复）", "report option KEY=VALUE (repeatable)"),
    )
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
