"""A business document (单据) as a printed paper: header, lines, totals, signatures.

The columns follow the document: tax columns when any line carries tax or the type
deals with a partner, batch and expiry when any line has them, counted and book
quantities for a stocktake, account and amount for a receipt or payment of money.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.doctypes import DOC_TYPES, DocType
from jxc_desktop.engine.documents import get_document
from jxc_desktop.engine.i18n import get_language, tr
from jxc_desktop.engine.inventory.line_values import live_values
from jxc_desktop.engine.money import format_money, price, yuan
from jxc_desktop.engine.printing.formats import fmt_price, fmt_qty, fmt_rate
from jxc_desktop.engine.printing.layout import PageSetup, body_width, build_pdf
from jxc_desktop.engine.printing.tables import (
    TableColumn,
    amount_in_words,
    data_table,
    fields_grid,
    para,
    signatures_row,
)
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document, DocumentLine
from jxc_desktop.models.masterdata import Item, Location, Unit


def render_document(doc_id: int, path: str | Path) -> Path:
    """Writes the document `doc_id` as an A4 PDF at `path` and returns the path.

    Drafts carry a 草稿 watermark (voided documents 作废) so an unapproved paper can't
    pass for a final one.
    """
    doc = get_document(doc_id)
    dtype = DOC_TYPES[doc.doc_type]
    lines = _load_lines(doc)
    setup = PageSetup(
        company=get_company().name,
        title=paper_title(dtype),
        number=tr("单据编号：{n}", "No. {n}", n=doc.number),
        watermark=_watermark(doc),
    )
    width = body_width(setup)
    if dtype.prefix in AT_COST:
        _cost_lines(doc, lines)
    columns, rows, totals, grand = _lines_table(dtype, lines)
    story = [
        fields_grid(
            _header_fields(doc, dtype),
            width,
            wide=_wide_fields(doc),
            first=_party_row(doc, dtype),
        ),
        Spacer(1, 3 * mm),
        data_table(columns, rows, width, totals=totals),
    ]
    if grand is not None:
        story += [Spacer(1, 2 * mm), amount_in_words(grand, width)]
    if dtype.prefix == "PDD":
        story += [Spacer(1, 2 * mm), para(stocktake_summary(doc), 9)]
    story.append(signatures_row(_signatures(doc, dtype), width))
    build_pdf(path, setup, story)
    return Path(path)


def paper_title(dtype: DocType) -> str:
    """其他入库 → 其他入库单; names that already read as a paper (调拨单, 销售发票) stay."""
    if get_language() != "zh_CN":
        return dtype.en
    return dtype.zh if dtype.zh.endswith(("单", "发票")) else dtype.zh + "单"


def _watermark(doc: Document) -> str:
    if doc.status == "approved":
        return ""
    if doc.status == "void":
        return tr("作废", "VOID")
    return tr("草稿", "DRAFT")


@dataclass
class _Line:
    row: DocumentLine
    item: Item | None
    unit: Unit | None
    base_unit: Unit | None
    location: str
    dest_location: str


def _load_lines(doc: Document) -> list[_Line]:
    """The lines with their items, units and locations, in four queries in all."""
    rows = list(
        DocumentLine.select().where(DocumentLine.document == doc).order_by(DocumentLine.line_no)
    )
    items = _by_id(Item, {r.item_id for r in rows})
    unit_ids = {r.unit_id for r in rows} | {i.base_unit_id for i in items.values()}
    units = _by_id(Unit, unit_ids)
    locs = _by_id(Location, {r.location_id for r in rows} | {r.dest_location_id for r in rows})
    out = []
    for r in rows:
        item = items.get(r.item_id)
        unit = units.get(r.unit_id) or (units.get(item.base_unit_id) if item else None)
        out.append(
            _Line(
                r,
                item,
                unit,
                units.get(item.base_unit_id) if item else None,
                locs[r.location_id].code if r.location_id else "",
                locs[r.dest_location_id].code if r.dest_location_id else "",
            )
        )
    return out


def _settled_numbers(line_ids: list) -> dict[int, str]:
    """Source line id -> the number of its document (what a money line settles)."""
    ids = sorted({i for i in line_ids if i})
    if not ids:
        return {}
    rows = execute(
        "SELECT l.id, d.number FROM document_line l JOIN document d ON d.id = l.document_id "
        f"WHERE l.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    return dict(rows.fetchall())


def _by_id(model, ids: set) -> dict:
    ids = {i for i in ids if i is not None}
    return {m.id: m for m in model.select().where(model.id.in_(list(ids)))} if ids else {}


def _header_fields(doc: Document, dtype: DocType) -> list[tuple[str, str]]:
    fields = [
        (tr("单据日期", "Date"), doc.date.isoformat()),
        (tr("状态", "Status"), _status_label(doc.status)),
    ]
    if doc.partner_id:
        partner = doc.partner  # the name itself takes a full-width row (_party_row)
        if partner.contact or partner.phone:
            fields.append((tr("联系人", "Contact"), f"{partner.contact} {partner.phone}".strip()))
    if doc.warehouse_id:
        label = (
            tr("调出仓库", "From warehouse") if doc.dest_warehouse_id else tr("仓库", "Warehouse")
        )
        fields.append((label, doc.warehouse.name))
    if doc.dest_warehouse_id:
        fields.append((tr("调入仓库", "To warehouse"), doc.dest_warehouse.name))
    if doc.external_number:
        fields.append((tr("外部单号", "External no."), doc.external_number))
    if doc.source_id:
        fields.append((tr("源单编号", "Source"), doc.source.number))
    if doc.currency and doc.currency != "CNY":
        fields.append(
            (tr("币种 / 汇率", "Currency / rate"), f"{doc.currency} / {doc.exchange_rate}")
        )
    return fields


def _party_row(doc: Document, dtype: DocType) -> list[tuple[str, str]]:
    """The partner on a full row above the other fields: a company name wrapped in a
    third of the page is unreadable and crowds the field beside it."""
    if not doc.partner_id:
        return []
    partner = doc.partner
    return [(_partner_label(dtype), f"{partner.name}（{partner.code}）")]


def _wide_fields(doc: Document) -> list[tuple[str, str]]:
    """Fields that need a whole row below the grid: the partner's address, the remarks."""
    wide = []
    if doc.partner_id and doc.partner.address:
        wide.append((tr("地址", "Address"), doc.partner.address))
    if doc.remarks:
        wide.append((tr("备注", "Remarks"), doc.remarks))
    return wide


def _status_label(status: str) -> str:
    return {
        "draft": tr("草稿", "Draft"),
        "approved": tr("已审核", "Approved"),
        "void": tr("已作废", "Void"),
    }.get(status, status)


def _partner_label(dtype: DocType) -> str:
    if dtype.partner_kind == "customer":
        return tr("客户", "Customer")
    if dtype.partner_kind == "supplier":
        return tr("供应商", "Supplier")
    return tr("往来单位", "Partner")


def _signatures(doc: Document, dtype: DocType) -> list[tuple[str, str]]:
    pairs = [
        (tr("制单", "Prepared by"), doc.maker.display_name if doc.maker_id else ""),
        (tr("审核", "Approved by"), doc.approver.display_name if doc.approver_id else ""),
        (tr("经手人", "Handled by"), doc.staff.name if doc.staff_id else ""),
    ]
    if dtype.partner_kind == "customer" and dtype.item_lines:
        pairs.append((tr("客户签收", "Received by"), ""))
    return pairs


# ---------------------------------------------------------------- the lines table


def _lines_table(dtype: DocType, lines: list[_Line]):
    """Columns, text rows, the totals row and the grand total (None: no money total)."""
    if not dtype.item_lines:
        return _money_lines(lines)
    if dtype.prefix == "PDD":
        return _stocktake_lines(lines)
    return _item_lines(dtype, lines)


# Documents whose lines carry no price: what they moved is worth its cost, which the
# ledger knows once they are approved (a transfer printed 0.00 and 人民币零元整).
AT_COST = {"DBD", "QTCK", "SCLL", "WWFL"}


def _cost_lines(doc: Document, lines: list[_Line]) -> None:
    """Puts each line's cost (its issue moves with their revaluations) in as its amount
    and unit price; a draft's lines keep none (nothing is costed before approval)."""
    if doc.status != "approved":
        return
    costs = live_values([ln.row.id for ln in lines], issues_only=True)
    for ln in lines:
        fen = costs.get(ln.row.id)
        if fen is not None:
            ln.row.amount = ln.row.total = yuan(-fen)
            ln.row.price = price(ln.row.amount / ln.row.qty) if ln.row.qty else Decimal(0)


def _item_lines(dtype: DocType, lines: list[_Line]):
    taxed = dtype.partner_kind is not None or any(ln.row.tax for ln in lines)
    price_label, amount_label = (
        (tr("单位成本", "Unit cost"), tr("成本金额", "Cost"))
        if dtype.prefix in AT_COST
        else (tr("单价", "Price"), tr("金额", "Amount"))
    )
    batch = any(ln.row.batch_no for ln in lines)
    expiry = any(ln.row.expiry_date for ln in lines)
    locs = any(ln.location or ln.dest_location for ln in lines)
    remarks = any(ln.row.remarks for ln in lines)
    spec = [
        (TableColumn(tr("序号", "No."), centred=True), lambda ln: str(ln.row.line_no)),
        *_item_columns(),
        (TableColumn(tr("数量", "Qty"), True), lambda ln: fmt_qty(ln.row.qty)),
        (TableColumn(price_label, True), lambda ln: fmt_price(ln.row.price)),
        (TableColumn(amount_label, True), lambda ln: format_money(ln.row.amount)),
    ]
    if taxed:
        spec += [
            (TableColumn(tr("税率", "Tax rate"), True), lambda ln: fmt_rate(ln.row.tax_rate)),
            (TableColumn(tr("税额", "Tax"), True), lambda ln: format_money(ln.row.tax)),
            (TableColumn(tr("价税合计", "Total"), True), lambda ln: format_money(ln.row.total)),
        ]
    if locs:
        spec.append((TableColumn(tr("库位", "Location")), _location_text))
    if batch:
        spec.append((TableColumn(tr("批次", "Batch")), lambda ln: ln.row.batch_no))
    if expiry:
        spec.append((TableColumn(tr("有效期至", "Expiry"), centred=True), _expiry_text))
    if remarks:
        spec.append((TableColumn(tr("备注", "Remarks")), lambda ln: ln.row.remarks))
    columns = [c for c, _ in spec]
    rows = [[get(ln) for _, get in spec] for ln in lines]
    sums = {
        amount_label: sum((ln.row.amount for ln in lines), Decimal(0)),
        tr("税额", "Tax"): sum((ln.row.tax for ln in lines), Decimal(0)),
        tr("价税合计", "Total"): sum((ln.row.total for ln in lines), Decimal(0)),
    }
    totals = _totals_row(columns, lines, {k: format_money(v) for k, v in sums.items()})
    grand = sums[tr("价税合计", "Total")] if taxed else sums[amount_label]
    if dtype.prefix in AT_COST and not grand:
        grand = None  # a draft: costed on approval, no 人民币零元整 meanwhile
    return columns, rows, totals, grand


def _item_columns(base_unit: bool = False):
    def unit_name(ln: _Line) -> str:
        unit = ln.base_unit if base_unit else ln.unit
        return unit.name if unit else ""

    return [
        (TableColumn(tr("商品编码", "Code")), lambda ln: ln.item.code if ln.item else ""),
        (TableColumn(tr("商品名称", "Item")), lambda ln: ln.item.name if ln.item else ""),
        (TableColumn(tr("规格型号", "Spec")), lambda ln: ln.item.spec if ln.item else ""),
        (TableColumn(tr("单位", "Unit"), centred=True), unit_name),
    ]


def _location_text(ln: _Line) -> str:
    if ln.dest_location:
        return f"{ln.location or '-'} → {ln.dest_location}"
    return ln.location


def _expiry_text(ln: _Line) -> str:
    return ln.row.expiry_date.isoformat() if ln.row.expiry_date else ""


def _totals_row(columns: list[TableColumn], lines: list[_Line], sums: dict[str, str]) -> list:
    """合计 under the lines: money sums, and the quantity when all lines share one unit."""
    row = [""] * len(columns)
    row[0] = tr("合计", "Total")
    units = {ln.unit.id for ln in lines if ln.unit}
    for i, col in enumerate(columns):
        if col.label in sums:
            row[i] = sums[col.label]
        elif col.label == tr("数量", "Qty") and len(units) == 1:
            row[i] = fmt_qty(sum((ln.row.qty for ln in lines), Decimal(0)))
    return row


def _stocktake_lines(lines: list[_Line]):
    """盘点单: book and counted quantities in the base unit, the gain or loss and its
    value. A line never counted prints 未盘 with no difference: approval posts nothing
    for it. The values are the engine's variance list (what approval posted, or on a
    draft the estimate at book cost), so paper, screen and ledger agree."""
    from jxc_desktop.engine.stocktake_view import variance_rows

    figures = {r["line_id"]: r for r in variance_rows(lines[0].row.document_id)} if lines else {}

    def fig(ln: _Line) -> dict:
        return figures[ln.row.id]

    spec = [
        (TableColumn(tr("序号", "No."), centred=True), lambda ln: str(ln.row.line_no)),
        *_item_columns(base_unit=True),
        (TableColumn(tr("账面数量", "Book qty"), True), lambda ln: _opt_qty(ln.row.book_qty)),
        (TableColumn(tr("实盘数量", "Counted"), True), _counted_text),
        (TableColumn(tr("盈亏数量", "Difference"), True), lambda ln: _difference(fig(ln))),
        (TableColumn(tr("盈亏金额", "Gain/loss value"), True), lambda ln: _value_text(fig(ln))),
    ]
    if any(ln.location for ln in lines):
        spec.append((TableColumn(tr("库位", "Location")), _location_text))
    if any(ln.row.batch_no for ln in lines):
        spec.append((TableColumn(tr("批次", "Batch")), lambda ln: ln.row.batch_no))
    columns = [c for c, _ in spec]
    rows = [[get(ln) for _, get in spec] for ln in lines]
    values = [figures[ln.row.id]["diff_value"] for ln in lines if ln.row.counted]
    totals = _totals_row(
        columns, [], {tr("盈亏金额", "Gain/loss value"): _signed(sum(values, Decimal(0)))}
    )
    return columns, rows, totals, None


def stocktake_summary(doc: Document) -> str:
    """The line under a printed 盘点单: counted and uncounted lines, gains and losses."""
    from jxc_desktop.engine.stocktake_view import variance_rows

    rows = variance_rows(doc.id)
    counted = [r for r in rows if r["counted"]]
    gain = sum((r["diff_value"] for r in counted if r["diff_value"] > 0), Decimal(0))
    loss = sum((-r["diff_value"] for r in counted if r["diff_value"] < 0), Decimal(0))
    text = tr(
        "共 {n} 行，已盘 {c} 行，未盘 {u} 行（未盘的行不调整账面）；盘盈 ¥{g}，盘亏 ¥{l}",
        "Lines: {n}; {c} counted, {u} not counted (not adjusted); gains ¥{g}, losses ¥{l}",
        n=len(rows),
        c=len(counted),
        u=len(rows) - len(counted),
        g=format_money(gain),
        l=format_money(loss),
    )
    if doc.status == "approved":
        return text
    return text + tr(
        "。金额按账面单位成本估算，以审核过账为准",
        ". Values are estimated at book unit cost; approval posts the final figures",
    )


def _counted_text(ln: _Line) -> str:
    return fmt_qty(ln.row.base_qty) if ln.row.counted else tr("未盘", "Not counted")


def _opt_qty(value) -> str:
    return "" if value is None else fmt_qty(value)


def _difference(row: dict) -> str:
    return _signed_qty(row["diff_qty"]) if row["counted"] else ""


def _value_text(row: dict) -> str:
    return _signed(row["diff_value"]) if row["counted"] else ""


def _signed_qty(value: Decimal) -> str:
    return ("+" if value > 0 else "") + fmt_qty(value)


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_money(value)


def _money_lines(lines: list[_Line]):
    """收款单 / 付款单: account (code and name), amount, the document each line settles
    (when it names one) and remarks per line."""
    from jxc_desktop.models.accounting import Account

    names = dict(Account.select(Account.code, Account.name).tuples())
    settles = _settled_numbers([ln.row.source_line_id for ln in lines])
    columns = [
        TableColumn(tr("序号", "No."), centred=True),
        TableColumn(tr("结算账户", "Account")),
        TableColumn(tr("金额", "Amount"), True),
        TableColumn(tr("核销单据", "Settles")),
        TableColumn(tr("备注", "Remarks")),
    ]
    rows = [
        [
            str(ln.row.line_no),
            f"{ln.row.account} {names.get(ln.row.account, '')}".strip(),
            format_money(ln.row.amount),
            settles.get(ln.row.source_line_id, ""),
            ln.row.remarks,
        ]
        for ln in lines
    ]
    total = sum((ln.row.amount for ln in lines), Decimal(0))
    totals = [tr("合计", "Total"), "", format_money(total), "", ""]
    return columns, rows, totals, total
