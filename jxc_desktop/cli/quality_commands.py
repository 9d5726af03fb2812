"""jxc qc …: inspect a receipt or work order, return rejects, rework, plans, qualifications.

`jxc import inspection-plans FILE` is added to IMPORTERS by cli/data_commands.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
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
    p = add_command(
        sub,
        "qc",
        "质量管理：检验、退货、返工、检验方案、供应商资质",
        "quality control: inspect, return, rework, plans, qualifications",
    )
    qc = p.add_subparsers(dest="qc_command", required=True, help=h("操作", "action"))
    _register_inspect(qc)
    for name, zh, en in (
        (
            "return",
            "为检验单中不合格的入库行生成采购退货",
            "a purchase return for an inspection's rejected receipt lines",
        ),
        (
            "rework",
            "为检验单中不合格的产品生成返工生产订单",
            "a rework work order for an inspection's rejected production",
        ),
    ):
        p = add_command(qc, name, zh, en)
        p.add_argument("number", help=h("质检单（ZJD）编号", "the inspection (ZJD) number"))
        p.add_argument("--date", help=_date_help())
        p.add_argument(
            "--approve", action="store_true", help=h("生成后即审核", "approve what it creates")
        )
        p.set_defaults(func=cmd_follow_up)
    p = add_command(
        qc, "print", "把检验单的质检报告打印为 PDF", "write an inspection's report as a PDF"
    )
    p.add_argument("number", help=h("质检单（ZJD）编号", "the inspection (ZJD) number"))
    p.add_argument("file", help=h("输出的 PDF 文件", "the PDF to write"))
    p.set_defaults(func=cmd_print)
    p = add_command(qc, "plans", "以 JSON 列出检验方案", "list the inspection plans as JSON")
    p.set_defaults(func=cmd_plans)
    p = add_command(
        qc, "template", "生成检验方案导入模板", "write the inspection-plan import template"
    )
    p.add_argument("file", help=h("要写入的模板文件", "the template file to write"))
    p.set_defaults(func=cmd_template)
    _register_qualification(qc)


def _date_help() -> str:
    return h("日期 YYYY-MM-DD，默认今天", "the date, YYYY-MM-DD; today by default")


def _register_inspect(qc) -> None:
    p = add_command(
        qc,
        "inspect",
        "检验一张入库单（CGRK / CPRK）或一张生产订单（SCDD）",
        "inspect a receipt (CGRK / CPRK) or a work order (SCDD)",
    )
    p.add_argument(
        "source",
        help=h(
            "入库单或生产订单编号（本系统或外部编号）",
            "the receipt or work order number (own or external)",
        ),
    )
    p.add_argument("--date", help=_date_help())
    p.add_argument(
        "--result",
        action="append",
        default=[],
        metavar="LINE:ACCEPTED:REJECTED:CONCESSION[:REASON]",
        help=h(
            "源单某一行的结果：行号:合格:不合格:让步接收[:原因]（可重复）；其余行全部合格",
            "a source line's results (its line number); other lines are accepted in full",
        ),
    )
    p.add_argument(
        "--approve", action="store_true", help=h("保存后即审核", "approve the inspection")
    )
    p.set_defaults(func=cmd_inspect)


def _register_qualification(qc) -> None:
    p = add_command(
        qc, "qualification", "登记一份供应商资质证件", "add a supplier qualification document"
    )
    p.add_argument("supplier", help=h("供应商编码", "supplier code"))
    p.add_argument("kind", help=h("资质类型，如 营业执照", "the kind, e.g. business licence"))
    p.add_argument("--number", default="", help=h("证书编号", "certificate number"))
    p.add_argument("--issuer", default="", help=h("发证机关", "issuing authority"))
    p.add_argument("--valid-from", help=h("生效日期 YYYY-MM-DD", "valid from, YYYY-MM-DD"))
    p.add_argument("--valid-to", help=h("有效期至 YYYY-MM-DD", "valid to, YYYY-MM-DD"))
    p.add_argument("--note", default="", help=h("备注", "remarks"))
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
