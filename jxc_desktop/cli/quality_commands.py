"""jxc qc …: inspect a receipt or work order, return rejects, rework, plans, qualifications.

`jxc import inspection-plans FILE` is added to IMPORTERS by cli/data_commands.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from jxc_desktop.cli import open_db
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr


def import_plans(path: Path, args) -> str:
    from jxc_desktop.engine.quality.plan_import import import_plans as run

    return tr("导入完成：检验方案 {n} 个", "Import done: {n} inspection plans", n=run(path))


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise JxcError(
            tr("日期应为 YYYY-MM-DD：{t}", "a date must be YYYY-MM-DD: {t}", t=text)
        ) from exc


def register(sub) -> None:
    p = sub.add_parser("qc", help="quality control: inspect, return, rework, plans, qualifications")
    qc = p.add_subparsers(dest="qc_command", required=True)
    p = qc.add_parser("inspect", help="inspect a receipt (CGRK / CPRK) or a work order (SCDD)")
    p.add_argument("source", help="the receipt or work order number (own or external)")
    p.add_argument("--date")
    p.add_argument(
        "--result",
        action="append",
        default=[],
        metavar="LINE:ACCEPTED:REJECTED:CONCESSION[:REASON]",
        help="a source line's results (its line number); other lines are accepted in full",
    )
    p.add_argument("--approve", action="store_true")
    p.set_defaults(func=cmd_inspect)
    for name, helptext in (
        ("return", "采购退货 for an inspection's rejected receipt lines"),
        ("rework", "a rework work order for an inspection's rejected production"),
    ):
        p = qc.add_parser(name, help=helptext)
        p.add_argument("number", help="the inspection (ZJD) number")
        p.add_argument("--date")
        p.add_argument("--approve", action="store_true")
        p.set_defaults(func=cmd_follow_up)
    p = qc.add_parser("print", help="write an inspection's 质检报告 as a PDF")
    p.add_argument("number", help="the inspection (ZJD) number")
    p.add_argument("file")
    p.set_defaults(func=cmd_print)
    p = qc.add_parser("plans", help="list the inspection plans as JSON")
    p.set_defaults(func=cmd_plans)
    p = qc.add_parser("template", help="write the inspection-plan import template")
    p.add_argument("file")
    p.set_defaults(func=cmd_template)
    p = qc.add_parser("qualification", help="add a supplier qualification document")
    p.add_argument("supplier")
    p.add_argument("kind")
    p.add_argument("--number", default="")
    p.add_argument("--issuer", default="")
    p.add_argument("--valid-from")
    p.add_argument("--valid-to")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_qualification)


def _results(specs: list[str]) -> dict[int, list[str]]:
    out = {}
    for spec in specs:
        parts = spec.split(":", 4)
        if len(parts) < 4 or not parts[0].isdigit():
            raise JxcError(
                tr(
                    "--result 应为 行号:合格:不合格:让步[:原因]：{s}",
                    "--result must be LINE:ACCEPTED:REJECTED:CONCESSION[:REASON]: {s}",
                    s=spec,
                )
            )
        out[int(parts[0])] = parts[1:]
    return out


def cmd_inspect(args) -> int:
    from jxc_desktop.engine import documents, money
    from jxc_desktop.engine.quality import inspections

    open_db(args)
    given = _results(args.result)
    data = inspections.from_source(args.source, _date(args.date))
    for line in data.lines:
        parts = given.pop(line.source_line.line_no, None)
        if parts:
            accepted, rejected, concession, *reason = parts
            line.qty = str(sum(money.D(x or 0) for x in (accepted, rejected, concession)))
            line.extra["result"] = inspections.ResultInput(
                accepted, rejected, concession, None, reason[0] if reason else ""
            )
    if given:
        raise JxcError(
            tr("源单没有待检的第 {n} 行", "The source has no line {n} to inspect", n=min(given))
        )
    doc = inspections.save_inspection(data)
    messages = []
    if args.approve:
        messages = documents.approve(doc.id).messages
    print(tr("已生成质检单 {n}", "Inspection {n} saved", n=doc.number))
    for message in messages:
        print(message)
    return 0


def cmd_follow_up(args) -> int:
    from jxc_desktop.engine import documents
    from jxc_desktop.engine.quality import actions

    open_db(args)
    doc = documents.find_document(args.number, "ZJD")
    if args.qc_command == "return":
        made = actions.return_to_supplier(doc.id, _date(args.date), args.approve)
    else:
        made = [actions.create_rework_order(doc.id, _date(args.date), args.approve)]
    for d in made:
        print(tr("已生成 {n}（{s}）", "Created {n} ({s})", n=d.number, s=d.status))
    return 0


def cmd_print(args) -> int:
    from jxc_desktop.engine import documents
    from jxc_desktop.engine.quality.report_pdf import render_inspection

    open_db(args)
    path = render_inspection(documents.find_document(args.number, "ZJD").id, Path(args.file))
    print(tr("已生成：{p}", "Written: {p}", p=path))
    return 0


def cmd_plans(args) -> int:
    from jxc_desktop.engine.money import format_plain
    from jxc_desktop.engine.quality import plans

    open_db(args)
    rows = [
        {
            "item": p.item.code,
            "stage": p.stage,
            "sampling": p.sampling,
            "sample_qty": format_plain(p.sample_qty, 4),
            "sample_percent": format_plain(p.sample_percent, 4),
            "criteria": p.criteria,
            "quarantine_warehouse": p.quarantine_warehouse.code if p.quarantine_warehouse else "",
            "active": p.active,
        }
        for p in plans.list_plans()
    ]
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


def cmd_template(args) -> int:
    from jxc_desktop.engine.quality.plan_import import write_template

    path = write_template(Path(args.file))
    print(tr("已生成模板：{p}", "Template written: {p}", p=path))
    return 0


def cmd_qualification(args) -> int:
    from jxc_desktop.engine.quality import qualifications

    open_db(args)
    data = qualifications.QualificationData(
        args.supplier,
        args.kind,
        args.number,
        args.issuer,
        _date(args.valid_from),
        _date(args.valid_to),
        args.note,
    )
    q = qualifications.save_qualification(data)
    print(tr("已保存资质 {k}（{s}）", "Qualification {k} saved ({s})", k=q.kind, s=q.partner.code))
    return 0
