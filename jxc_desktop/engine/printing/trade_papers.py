"""Trade papers on the printing framework: 对账单 and 销售/采购合同.

The statement prints the `statement` report of one partner and period with the closing
balance in 人民币大写 and both parties' seal boxes. The contract prints an order
(XSDD / CGDD, or a quotation XSBJ) with the parties, the lines and totals, standard terms
(delivery, payment within the partner's terms, acceptance, disputes) and signatures.
Orders, quotations, deliveries and 销售单 print through `render_document` (the generic
paper titles them by their type).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.documents import get_document
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money
from jxc_desktop.engine.printing import document_pdf
from jxc_desktop.engine.printing.layout import PageSetup, body_width, build_pdf
from jxc_desktop.engine.printing.tables import (
    TableColumn,
    amount_in_words,
    data_table,
    fields_grid,
    para,
    signatures_row,
)
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.display import period_text
from jxc_desktop.engine.reports.trade_ar import statement_rows
from jxc_desktop.models.documents import DocumentLine

PAPERS = ("contract", "quotation", "purchase-order", "delivery-note", "sales-slip")


def render_statement(params: ReportParams, path: str | Path) -> Path:
    """对账单 of params.partner for params.date_from..date_to as a PDF."""
    rows = statement_rows(params)
    company = get_company().name
    setup = PageSetup(company=company, title=tr("对账单", "Statement"))
    width = body_width(setup)
    period = period_text(params.date_from, params.date_to)  # as the screen says it
    closing = rows[-1]["balance"]
    columns = [
        TableColumn(tr("日期", "Date")),
        TableColumn(tr("单据编号", "Number")),
        TableColumn(tr("类型", "Type")),
        TableColumn(tr("借方", "Debit"), numeric=True),
        TableColumn(tr("贷方", "Credit"), numeric=True),
        TableColumn(tr("余额", "Balance"), numeric=True),
    ]
    body = [
        [
            r["date"].isoformat() if r["date"] else "",
            r["number"],
            r["type"],
            format_money(r["debit"]) if r["number"] else "",
            format_money(r["credit"]) if r["number"] else "",
            format_money(r["balance"]),
        ]
        for r in rows
    ]
    story = [
        fields_grid(
            [
                (tr("期间", "Period"), period),
                (tr("期末余额", "Closing balance"), format_money(closing)),
            ],
            width,
            first=[(tr("往来单位", "Partner"), _partner_name(params.partner))],
        ),
        Spacer(1, 3 * mm),
        data_table(columns, body, width),
        Spacer(1, 2 * mm),
        amount_in_words(closing, width),
        Spacer(1, 4 * mm),
        para(
            tr(
                "请核对以上往来明细，如有不符请于收到后七日内告知；无异议请盖章回传。",
                "Please check the entries above and tell us of any difference within "
                "seven days; otherwise sign and return.",
            ),
            9,
        ),
        signatures_row(
            [(tr("本公司（盖章）", "For us (seal)"), company), (tr("贵方（盖章）", "For you"), "")],
            width,
        ),
    ]
    build_pdf(path, setup, story)
    return Path(path)


def _partner_name(code: str | None) -> str:
    from jxc_desktop.models.masterdata import Partner

    partner = Partner.get_or_none(Partner.code == (code or ""))
    return f"{partner.name}（{partner.code}）" if partner else (code or "")


def _terms(doc) -> list[str]:
    due = [
        line.due_date
        for line in DocumentLine.select().where(DocumentLine.document == doc)
        if line.due_date
    ]
    days = doc.partner.payment_terms_days if doc.partner else 0
    return [
        tr(
            "一、交货日期：{d}。",
            "1. Delivery: {d}.",
            d=max(due).isoformat() if due else "双方约定",
        ),
        _payment_term(doc, days),
        tr(
            "三、验收：收货时当面验收，质量异议于七日内书面提出。",
            "3. Acceptance: goods are checked on receipt; claims in writing within 7 days.",
        ),
        tr(
            "四、争议：协商解决；协商不成，由供方所在地人民法院管辖。",
            "4. Disputes: settled by negotiation, else by the court at the seller's seat.",
        ),
    ]


def _payment_term(doc, days: int) -> str:
    """The order's 收款计划 when it has one (each instalment's date and amount), else the
    partner's payment terms."""
    from jxc_desktop.engine.trade.collection_plan import plan_of

    plan = plan_of(doc.id) if doc.doc_type == "XSDD" else []
    if not plan:
        return tr(
            "二、付款方式：货到后 {n} 天内付清全部价税合计。",
            "2. Payment: the full amount incl. VAT within {n} days of delivery.",
            n=days,
        )
    parts = "；".join(
        f"{p.due_date.isoformat()} {format_money(p.amount)}"
        + (f"（{p.remarks}）" if p.remarks else "")
        for p in plan
    )
    return tr("二、付款方式：按收款计划分期支付：{p}。", "2. Payment by instalments: {p}.", p=parts)


def _paper(doc, title: str, fields, notes: list[str], signs, path, parties=None) -> Path:
    """Parties (each on a full row; the partner by default), fields, the document's lines
    and totals, 大写, notes and signatures."""
    setup = PageSetup(
        company=get_company().name,
        title=title,
        number=tr("单据编号：{n}", "No. {n}", n=doc.number),
        watermark=document_pdf._watermark(doc),
    )
    width = body_width(setup)
    dtype = document_pdf.DOC_TYPES[doc.doc_type]
    columns, rows, totals, grand = document_pdf._lines_table(dtype, document_pdf._load_lines(doc))
    story = [
        fields_grid(
            fields,
            width,
            wide=document_pdf._wide_fields(doc),
            first=_party_rows(doc) if parties is None else parties,
        ),
        Spacer(1, 3 * mm),
        data_table(columns, rows, width, totals=totals),
        Spacer(1, 2 * mm),
        amount_in_words(grand or 0, width),
        Spacer(1, 3 * mm),
        *[para(t, 9) for t in notes],
        signatures_row(signs, width),
    ]
    build_pdf(path, setup, story)
    return Path(path)


def _need(doc, *types: str) -> None:
    if doc.doc_type not in types:
        raise JxcError(
            tr(
                "单据 {n} 不能打印为该单据（应为 {t}）",
                "{n} cannot be printed as this paper (needs {t})",
                n=doc.number,
                t="/".join(types),
            )
        )


def render_contract(doc_id: int, path: str | Path) -> Path:
    """销售合同 / 采购合同 from an order (or a quotation) as a PDF."""
    doc = get_document(doc_id)
    _need(doc, "XSDD", "CGDD", "XSBJ")
    sale = doc.doc_type != "CGDD"
    company = get_company().name
    title = tr("销售合同", "Sales contract") if sale else tr("采购合同", "Purchase contract")
    seller, buyer = (company, doc.partner.name) if sale else (doc.partner.name, company)
    parties = [(tr("供方（甲方）", "Seller"), seller), (tr("需方（乙方）", "Buyer"), buyer)]
    p = doc.partner
    fields = [
        (tr("签订日期", "Date"), doc.date.isoformat()),
        (tr("联系人", "Contact"), f"{p.contact} {p.phone}".strip() if p else ""),
    ]
    signs = [(tr("供方代表", "For the seller"), ""), (tr("需方代表", "For the buyer"), "")]
    return _paper(doc, title, fields, _terms(doc), signs, path, parties)


def _partner_fields(doc) -> list[tuple[str, str]]:
    p = doc.partner
    return [
        (tr("联系人", "Contact"), f"{p.contact} {p.phone}".strip() if p else ""),
        (tr("日期", "Date"), doc.date.isoformat()),
    ]


def _party_rows(doc) -> list[tuple[str, str]]:
    """The partner on a row of its own: a long company name wrapped in a third of the
    page ran into the 联系人 beside it."""
    p = doc.partner
    return [(tr("往来单位", "Partner"), f"{p.name}（{p.code}）" if p else "")]


def papers_for(doc_type: str) -> list[tuple[str, str]]:
    """(kind, title) of the papers a document of this type prints as, besides the
    standard document form (a menu in the 销售/采购 lists)."""
    contract = ("contract", tr("销售合同", "Sales contract"))
    return {
        "XSBJ": [("quotation", tr("销售报价单", "Quotation")), contract],
        "XSDD": [contract],
        "CGDD": [
            ("purchase-order", tr("采购订单", "Purchase order")),
            ("contract", tr("采购合同", "Purchase contract")),
        ],
        "XSCK": [
            ("delivery-note", tr("送货单", "Delivery note")),
            ("sales-slip", tr("销售单", "Sales slip")),
        ],
    }.get(doc_type, [])


def render_paper(kind: str, doc_id: int, path: str | Path) -> Path:
    """quotation 销售报价单 / purchase-order 采购订单 / delivery-note 送货单 /
    sales-slip 销售单 (a delivery with the customer's balance before and after it)."""
    if kind == "contract":
        return render_contract(doc_id, path)
    doc = get_document(doc_id)
    maker = doc.maker.display_name if doc.maker_id else ""
    if kind == "quotation":
        _need(doc, "XSBJ")
        notes = [tr("本报价含税，有效期三十天。", "Prices incl. VAT, valid for 30 days.")]
        signs = [(tr("报价人", "Quoted by"), maker), (tr("客户确认", "Accepted by"), "")]
        return _paper(doc, tr("销售报价单", "Quotation"), _partner_fields(doc), notes, signs, path)
    if kind == "purchase-order":
        _need(doc, "CGDD")
        signs = [(tr("采购员", "Buyer"), maker), (tr("供应商确认", "Supplier"), "")]
        return _paper(
            doc,
            tr("采购订单", "Purchase order"),
            _partner_fields(doc),
            _terms(doc)[:2],
            signs,
            path,
        )
    _need(doc, "XSCK")
    signs = [(tr("送货人", "Delivered by"), ""), (tr("收货人签收", "Received by"), "")]
    if kind == "delivery-note":
        notes = [tr("请当面点清货物，签收后视为验收合格。", "Please count the goods on receipt.")]
        return _paper(doc, tr("送货单", "Delivery note"), _partner_fields(doc), notes, signs, path)
    return _paper(
        doc, tr("销售单", "Sales slip"), _partner_fields(doc), _balances(doc), signs, path
    )


def _balances(doc) -> list[str]:
    """销售单: the customer's balance before this delivery, this one, and after it."""
    from jxc_desktop.engine.money import yuan
    from jxc_desktop.engine.trade import openitems

    # as the slip was when this delivery was approved: later documents of the same day
    # (a receipt, a return) are the next slip's business
    before = openitems.balance_before(doc, "receivable")
    this = sum(
        o.amount for o in openitems.open_items(doc.partner_id, "receivable", documents=[doc.id])
    )
    return [
        tr(
            "上次欠款 {b}　本单 {t}　累计欠款 {a}",
            "Owed before {b}   this {t}   owed now {a}",
            b=format_money(yuan(before)),
            t=format_money(yuan(this)),
            a=format_money(yuan(before + this)),
        )
    ]
