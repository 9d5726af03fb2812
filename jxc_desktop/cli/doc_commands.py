"""jxc doc list|show|approve|unapprove|void NUMBER."""

from __future__ import annotations

from jxc_desktop.cli import open_db
from jxc_desktop.engine import documents, money
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.documents import Document, DocumentLine


def register(sub) -> None:
    p = sub.add_parser("doc", help="act on one document by its number or external number")
    p.add_argument("action", choices=["list", "show", "approve", "unapprove", "void"])
    p.add_argument("number", nargs="?", help="document number or external number")
    p.add_argument("--type", dest="doc_type", help="document prefix (list filter)")
    p.add_argument("--status", choices=["draft", "approved", "void"])
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
        for d in query:
            print(f"{d.number}\t{d.external_number or ''}\t{d.doc_type}\t{d.date}\t{d.status}")
        return 0
    if not args.number:
        raise SystemExit(f"jxc doc {args.action} NUMBER")
    doc = documents.find_document(args.number)
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


def _show(doc: Document) -> None:
    print(f"{doc.number}  {doc.doc_type}  {doc.date} {doc.time}  {doc.status}")
    if doc.external_number:
        print(f"external: {doc.external_number}")
    if doc.partner_id:
        print(f"partner: {doc.partner.code} {doc.partner.name}")
    if doc.warehouse_id:
        print(f"warehouse: {doc.warehouse.code} {doc.warehouse.name}")
    if doc.dest_warehouse_id:
        print(f"dest_warehouse: {doc.dest_warehouse.code}")
    lines = DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    for line in lines:
        item = line.item.code if line.item_id else ""
        print(
            f"  {line.line_no:>3} {item}\t{money.format_qty(line.qty)} "
            f"{line.unit.name if line.unit_id else ''}\t{line.price}\t{line.amount}\t"
            f"{line.tax}\t{line.total}\t{line.batch_no}"
        )
