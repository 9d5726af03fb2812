"""jxc doc list|show|approve|unapprove|void NUMBER."""

from __future__ import annotations

from jxc_desktop.cli import open_db
from jxc_desktop.cli.argparse_i18n import add_command, h
from jxc_desktop.engine import documents, money
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.documents import Document, DocumentLine


def register(sub) -> None:
    p = add_command(
        sub,
        "doc",
        "按单据编号或外部单号处理一张单据：列出、查看、审核、反审核、作废",
        "act on one document by its number or external number",
    )
    p.add_argument(
        "action",
        choices=["list", "show", "approve", "unapprove", "void"],
        help=h(
            "list 列出、show 查看、approve 审核、unapprove 反审核、void 作废",
            "list, show, approve, unapprove or void",
        ),
    )
    p.add_argument(
        "number",
        nargs="?",
        help=h("单据编号或外部单号", "document number or external number"),
    )
    p.add_argument(
        "--type",
        dest="doc_type",
        help=h("单据类型前缀，如 XSCK（筛选列表）", "document prefix, e.g. XSCK (list filter)"),
    )
    p.add_argument(
        "--status",
        choices=["draft", "approved", "void"],
        help=h(
            "按状态筛选：draft 草稿、approved 已审核、void 已作废",
            "status filter: draft, approved or void",
        ),
    )
    p.set_defaults(func=cmd_doc)


def cmd_doc(args) -> int:
    open_db(args)
    if args.action == "list":
        query = Document.select().order_by(Document.date, Document.id)
        if args.doc_type:
            query = query.where(Document.doc_type == args.doc_type)
        if args.status:
            query = query.where(Document.status == args.status)
        if args.number:
            query = query.where(
                (Document.number == args.number) | (Document.external_number == args.number)
            )
        status = _status_names()
        print(
            "\t".join(
                [
                    tr("单据编号", "Number"),
                    tr("外部单号", "External no."),
                    tr("类型", "Type"),
                    tr("日期", "Date"),
                    tr("状态", "Status"),
                ]
            )
        )
        for d in query:
            print(
                f"{d.number}\t{d.external_number or ''}\t{d.doc_type}\t{d.date}\t{status[d.status]}"
            )
        return 0
    if not args.number:
        raise SystemExit(f"jxc doc {args.action} NUMBER")
    doc = documents.find_document(args.number, args.doc_type)
    if args.action == "show":
        _show(doc)
    elif args.action == "approve":
        result = documents.approve(doc.id)
        print(tr("已审核 {n}", "Approved {n}", n=doc.number))
        for line in getattr(result, "messages", []) or []:
            print(line)
    elif args.action == "unapprove":
        result = documents.unapprove(doc.id)
        print(tr("已反审核 {n}", "Un-approved {n}", n=doc.number))
        for line in getattr(result, "messages", []) or []:
            print(line)
    else:
        documents.void(doc.id)
        print(tr("已作废 {n}", "Voided {n}", n=doc.number))
    return 0


def _status_names() -> dict[str, str]:
    return {
        "draft": tr("草稿", "draft"),
        "approved": tr("已审核", "approved"),
        "void": tr("已作废", "void"),
    }


def _show(doc: Document) -> None:
    from jxc_desktop.engine.doctypes import DOC_TYPES

    print(
        f"{doc.number}  {DOC_TYPES[doc.doc_type].label}  {doc.date} {doc.time}  "
        f"{_status_names()[doc.status]}"
    )
    fields = [
        (tr("外部单号", "External no."), doc.external_number),
        (tr("往来单位", "Partner"), doc.partner and f"{doc.partner.code} {doc.partner.name}"),
        (tr("仓库", "Warehouse"), doc.warehouse and f"{doc.warehouse.code} {doc.warehouse.name}"),
        (tr("调入仓库", "To warehouse"), doc.dest_warehouse and doc.dest_warehouse.code),
        (tr("备注", "Remarks"), doc.remarks),
    ]
    for label, value in fields:
        if value:
            print(f"{label}: {value}")
    print(
        "\t".join(
            [
                tr("行", "Line"),
                tr("商品", "Item"),
                tr("数量", "Qty"),
                tr("单位", "Unit"),
                tr("单价", "Price"),
                tr("金额", "Amount"),
                tr("税额", "Tax"),
                tr("价税合计", "Total"),
                tr("批次", "Batch"),
            ]
        )
    )
    lines = DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    for line in lines:
        item = line.item.code if line.item_id else ""
        unit = line.unit.name if line.unit_id else ""
        print(
            f"{line.line_no}\t{item}\t{money.format_qty(line.qty)}\t{unit}\t{line.price}\t"
            f"{line.amount}\t{line.tax}\t{line.total}\t{line.batch_no}"
        )
