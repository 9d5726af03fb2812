"""jxc print doc|report … --output FILE.pdf, and jxc labels … --output FILE.pdf."""

from __future__ import annotations

from jxc_desktop.cli import open_db
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr


def register(sub) -> None:
    p = sub.add_parser("print", help="print a document or a report to PDF")
    p.add_argument("what", choices=["doc", "report"])
    p.add_argument("name", help="document number (own or external) / report name")
    p.add_argument("--output", "-o", required=True)
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--period")
    p.add_argument("--item")
    p.add_argument("--warehouse")
    p.add_argument("--partner")
    p.add_argument("--option", action="append", default=[])
    p.set_defaults(func=cmd_print)

    p = sub.add_parser("labels", help="print barcode labels to PDF")
    p.add_argument("--doc", help="labels for every line of this document")
    p.add_argument("--item", action="append", default=[], help="item code (repeatable)")
    p.add_argument("--qty", type=int, default=1, help="labels per --item")
    p.add_argument("--layout", default="roll-50x30", help="roll-50x30 / roll-40x30 / a4-3x8")
    p.add_argument("--symbology", default="auto", choices=["auto", "code128", "ean13", "qr"])
    p.add_argument("--no-price", action="store_true")
    p.add_argument("--output", "-o", required=True)
    p.set_defaults(func=cmd_labels)


def cmd_print(args) -> int:
    open_db(args)
    if args.what == "doc":
        from jxc_desktop.engine.documents import find_document
        from jxc_desktop.engine.printing.document_pdf import render_document

        path = render_document(find_document(args.name).id, args.output)
    else:
        from jxc_desktop.cli.report_commands import params_from_args
        from jxc_desktop.engine.printing.report_pdf import render_report
        from jxc_desktop.engine.reports import load_all

        report = load_all().get(args.name)
        if report is None:
            raise JxcError(tr("未知报表 {n}", "Unknown report {n}", n=args.name))
        params = params_from_args(args)
        path = render_report(report, report.run(params), params, args.output)
    print(tr("已生成 {p}", "Written {p}", p=path))
    return 0


def cmd_labels(args) -> int:
    from jxc_desktop.engine import lookup
    from jxc_desktop.engine.printing.labels import LabelOptions, labels_for_document, render_labels

    open_db(args)
    requests = []
    if args.doc:
        from jxc_desktop.engine.documents import find_document

        requests += labels_for_document(find_document(args.doc).id)
    for code in args.item:
        item = lookup.item_by_code(code)
        if item is None:
            raise JxcError(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=code))
        requests.append((item, args.qty))
    if not requests:
        raise JxcError(
            tr("请用 --doc 或 --item 指定要打印的标签", "Name labels with --doc or --item")
        )
    options = LabelOptions(symbology=args.symbology, show_price=not args.no_price)
    count = render_labels(requests, args.layout, args.output, options)
    print(tr("已生成 {n} 张标签：{p}", "{n} labels written: {p}", n=count, p=args.output))
    return 0
