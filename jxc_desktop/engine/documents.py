"""The document framework: drafts, numbers, approve / un-approve / void.

A document is a header and lines. Saving a draft validates everything at once and
assigns the number (prefix + date + 4-digit daily sequence, never reused). Approving
runs the document type's posting (stock moves, vouchers, ...) in the same transaction;
un-approving runs its reversal and returns the document to draft; only a draft can be
voided. Posting handlers register themselves per prefix (see `register_posting`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jxc_desktop.engine import lookup, money
from jxc_desktop.engine.company import company_start, is_period_closed
from jxc_desktop.engine.doctypes import DOC_TYPES, DocType
from jxc_desktop.engine.errors import JxcError, NotFound, Problem, StateError, require
from jxc_desktop.engine.gc_pause import cycle_collection_paused
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit, current_user
from jxc_desktop.models.base import now
from jxc_desktop.models.db import bulk_insert, write_transaction
from jxc_desktop.models.documents import (
    Document,
    DocumentLine,
    DocumentLineSerial,
    DocumentSequence,
)
from jxc_desktop.models.masterdata import Item, Location, Partner, Unit, Warehouse


@dataclass
class Posting:
    """What approving a document type does; all callables run inside the transaction."""

    validate: Callable[[Document], list[Problem]] = lambda doc: []
    post: Callable[[Document], object] = lambda doc: None
    unpost: Callable[[Document], object] = lambda doc: None


_POSTINGS: dict[str, Posting] = {}

# Other modules follow every approval in the same transaction without the document
# framework knowing them: checks that may refuse it (credit control), and effects after
# the posting (open items, vouchers). Each hook gets the document and, after posting,
# the posting's result; a hook may return messages for the user.
_VALIDATORS: list[Callable[[Document], list[Problem]]] = []
_AFTER_APPROVE: list[Callable[[Document, object], list[str] | None]] = []
_AFTER_UNAPPROVE: list[Callable[[Document, object], list[str] | None]] = []


def on_validate(hook: Callable[[Document], list[Problem]]) -> Callable:
    _VALIDATORS.append(hook)
    return hook


def on_approve(hook: Callable[[Document, object], list[str] | None]) -> Callable:
    _AFTER_APPROVE.append(hook)
    return hook


def on_unapprove(hook: Callable[[Document, object], list[str] | None]) -> Callable:
    _AFTER_UNAPPROVE.append(hook)
    return hook


def _run_hooks(hooks, doc: Document, result) -> None:
    for hook in hooks:
        messages = hook(doc, result)
        if messages and hasattr(result, "messages"):
            result.messages.extend(messages)


def register_posting(prefix: str, posting: Posting) -> None:
    _POSTINGS[prefix] = posting


def posting_for(prefix: str) -> Posting | None:
    _load_postings()
    return _POSTINGS.get(prefix)


@dataclass
class _Result:
    """What a posting that writes no ledger returns: only messages for the user."""

    messages: list[str] = field(default_factory=list)


# Modules that register postings and hooks; imported lazily to avoid import cycles.
POSTING_MODULES = [
    "jxc_desktop.engine.inventory.postings",
    "jxc_desktop.engine.inventory.serials",
    "jxc_desktop.engine.inventory.expiry",
    "jxc_desktop.engine.trade.postings",
    "jxc_desktop.engine.production.postings",
    "jxc_desktop.engine.quality.postings",
    "jxc_desktop.engine.inventory.stocktake",
    # last: the vouchers read what the postings and hooks above have written
    "jxc_desktop.engine.finance.document_vouchers",
]


def _load_postings() -> None:
    for name in POSTING_MODULES:
        __import__(name)


# ---------------------------------------------------------------- numbers


def next_number(prefix: str, day: dt.date) -> str:
    """The next number for a prefix and day; call inside a write transaction."""
    key = day.strftime("%Y%m%d")
    row = DocumentSequence.get_or_none(
        (DocumentSequence.prefix == prefix) & (DocumentSequence.day == key)
    )
    if row is None:
        DocumentSequence.insert(prefix=prefix, day=key, last=1).execute()
        seq = 1
    else:
        seq = row.last + 1
        DocumentSequence.update(last=seq).where(
            (DocumentSequence.prefix == prefix) & (DocumentSequence.day == key)
        ).execute()
    return f"{prefix}{key}-{seq:04d}"


# ---------------------------------------------------------------- line amounts


@dataclass
class LineAmounts:
    price: Decimal  # excluding tax, 6 places
    amount: Decimal  # 不含税金额
    tax: Decimal
    total: Decimal  # 价税合计


def line_amounts(
    qty: Decimal,
    price: Decimal | None,
    tax_rate: Decimal,
    price_incl: Decimal | None = None,
) -> LineAmounts:
    """Per-line amounts, each rounded half-up to the fen once.

    Exclusive entry: amount = qty × price, tax = amount × rate, total = amount + tax.
    Inclusive entry (含税单价): total = qty × price_incl, amount = total ÷ (1 + rate),
    tax = total − amount, so the three always add up exactly.
    """
    rate = money.D(tax_rate) / 100
    if price_incl is not None:
        total = money.money(qty * price_incl)
        amount = money.money(total / (1 + rate))
        tax = total - amount
        price_ex = money.price(price_incl / (1 + rate))
        return LineAmounts(price_ex, amount, tax, total)
    price = price or Decimal(0)
    amount = money.money(qty * price)
    tax = money.money(amount * rate)
    return LineAmounts(money.price(price), amount, tax, amount + tax)


# ---------------------------------------------------------------- drafts


@dataclass
class LineInput:
    """One line as a user or an import gives it (codes or model objects)."""

    item: Item | str | None = None
    qty: Decimal | str | int = 0
    unit: Unit | str | None = None
    price: Decimal | str | None = None
    price_incl: Decimal | str | None = None
    tax_rate: Decimal | str | None = None
    amount: Decimal | str | None = None  # money lines (SKD/FKD)
    location: Location | str | None = None
    dest_location: Location | str | None = None
    batch_no: str = ""
    production_date: dt.date | None = None
    expiry_date: dt.date | None = None
    source_line: DocumentLine | None = None
    due_date: dt.date | None = None
    account: str = ""
    cost_object: str = ""
    remarks: str = ""
    book_qty: Decimal | None = None
    counted: bool = True
    serials: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class DocumentInput:
    doc_type: str
    date: dt.date
    lines: list[LineInput] = field(default_factory=list)
    time: str = ""
    partner: Partner | str | None = None
    warehouse: Warehouse | str | None = None
    dest_warehouse: Warehouse | str | None = None
    external_number: str | None = None
    currency: str = "CNY"
    exchange_rate: Decimal | str = Decimal(1)
    remarks: str = ""
    source: Document | None = None


def _resolve(value, model, finder, label_zh, label_en, field_name, problems, **kw):
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    found = finder(value, **kw) if kw else finder(value)
    if found is None:
        problems.append(
            Problem(
                tr(
                    "{label_zh}“{value}”不存在",
                    "{label_en} '{value}' does not exist",
                    label_zh=label_zh,
                    label_en=label_en,
                    value=value,
                ),
                field_name,
            )
        )
    return found


def _decimal(value, field_name: str, problems: list[Problem], places: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        d = money.D(value)
    except money.NotExactNumber:
        problems.append(
            Problem(tr("不是有效的数字", "not a valid number") + f": {value}", field_name)
        )
        return None
    if money.places_of(d) > places:
        problems.append(
            Problem(
                tr(
                    "最多 {places} 位小数",
                    "at most {places} decimal places",
                    places=places,
                )
                + f": {value}",
                field_name,
            )
        )
        return None
    return d


def _build_header(data: DocumentInput, problems: list[Problem]) -> dict:
    dtype = DOC_TYPES.get(data.doc_type)
    if dtype is None:
        raise JxcError(
            tr("未知的单据类型 {t}", "Unknown document type {t}", t=data.doc_type), "doc_type"
        )
    header = {
        "doc_type": dtype.prefix,
        "date": data.date,
        "time": data.time or "",
        "external_number": data.external_number or None,
        "currency": data.currency or "CNY",
        "remarks": data.remarks or "",
        "source": data.source,
    }
    if not isinstance(data.date, dt.date):
        problems.append(Problem(tr("日期无效", "Invalid date"), "date"))
    elif data.date < company_start():
        problems.append(
            Problem(
                tr(
                    "日期 {d} 早于账套启用日期 {s}",
                    "The date {d} is before the company's start {s}",
                    d=data.date,
                    s=company_start(),
                ),
                "date",
            )
        )
    elif is_period_closed(data.date):
        problems.append(
            Problem(tr("{d} 所在期间已结账", "The period of {d} is closed", d=data.date), "date")
        )
    header["partner"] = _resolve(
        data.partner,
        Partner,
        lookup.partner_by_code,
        "往来单位",
        "Partner",
        "partner",
        problems,
        kind=dtype.partner_kind,
    )
    header["warehouse"] = _resolve(
        data.warehouse,
        Warehouse,
        lookup.warehouse_by_code,
        "仓库",
        "Warehouse",
        "warehouse",
        problems,
    )
    header["dest_warehouse"] = _resolve(
        data.dest_warehouse,
        Warehouse,
        lookup.warehouse_by_code,
        "调入仓库",
        "Destination warehouse",
        "dest_warehouse",
        problems,
    )
    if dtype.partner_kind and header["partner"] is None and not data.partner:
        problems.append(Problem(tr("请选择往来单位", "A partner is required"), "partner"))
    if dtype.needs_warehouse and header["warehouse"] is None and not data.warehouse:
        problems.append(Problem(tr("请选择仓库", "A warehouse is required"), "warehouse"))
    if dtype.needs_dest_warehouse and header["dest_warehouse"] is None and not data.dest_warehouse:
        problems.append(
            Problem(tr("请选择调入仓库", "A destination warehouse is required"), "dest_warehouse")
        )
    rate = _decimal(data.exchange_rate, "exchange_rate", problems, 6)
    header["exchange_rate"] = rate if rate is not None else Decimal(1)
    return header


_UNITS: dict[int, Unit] = {}
_ITEMS: dict[str, Item] = {}  # the document's items by the code or barcode its lines give


def _base_unit(item: Item) -> Unit:
    """The item's base unit, from a per-document cache (units are few, lines many)."""
    unit = _UNITS.get(item.base_unit_id)
    if unit is None:
        unit = _UNITS[item.base_unit_id] = Unit.get_by_id(item.base_unit_id)
    return unit


def _build_line(dtype: DocType, header: dict, no: int, line: LineInput, problems: list[Problem]):
    p_start = len(problems)
    where = tr("第 {n} 行", "line {n}", n=no)

    def bad(msg):
        problems.append(Problem(msg, where))

    row = {
        "line_no": no,
        "batch_no": (line.batch_no or "").strip(),
        "production_date": line.production_date,
        "expiry_date": line.expiry_date,
        "source_line": line.source_line,
        "due_date": line.due_date,
        "account": line.account or "",
        "cost_object": line.cost_object or "",
        "remarks": line.remarks or "",
        "book_qty": line.book_qty,
        "counted": line.counted,
        "serials": [str(x).strip() for x in line.serials if str(x).strip()],
    }
    if not dtype.item_lines:
        amount = _decimal(line.amount, where, problems, 2)
        if amount is None or amount <= 0:
            bad(tr("金额必须大于 0", "The amount must be greater than 0"))
        row.update(amount=amount or 0, total=amount or 0, tax=0, qty=0, base_qty=0)
        return row if len(problems) == p_start else None
    item = line.item
    if not isinstance(item, Item):
        found = _ITEMS.get(item.strip()) if item else None
        if found is None:
            bad(tr("商品“{c}”不存在", "Item '{c}' does not exist", c=item or ""))
            return None
        item = found
    if not item.active:
        bad(tr("商品 {c} 已停用", "Item {c} is inactive", c=item.code))
    unit = line.unit
    if unit is not None and not isinstance(unit, Unit):
        unit = lookup.unit_by_name(unit) if unit else None
        if unit is None:
            bad(tr("单位“{u}”不存在", "Unit '{u}' does not exist", u=line.unit))
    unit = unit or _base_unit(item)
    if row["serials"] and not item.serial_managed:
        bad(tr("商品 {c} 未启用序列号管理", "Item {c} does not track serial numbers", c=item.code))
    if len(set(row["serials"])) != len(row["serials"]):
        bad(tr("序列号重复", "A serial number is repeated"))
    factor = lookup.unit_factor(item, unit)
    if factor is None:
        bad(
            tr(
                "单位 {u} 不是商品 {c} 的单位",
                "{u} is not a unit of item {c}",
                u=unit.name,
                c=item.code,
            )
        )
        factor = Decimal(1)

    def column(zh: str, en: str) -> str:  # a number's problem names its column too
        return f"{where} {tr(zh, en)}"

    qty = _decimal(line.qty, column("数量", "quantity"), problems, money.QTY_PLACES)
    if qty is None:
        qty = Decimal(0)
    price = _decimal(line.price, column("单价", "price"), problems, money.PRICE_PLACES)
    price_incl = _decimal(
        line.price_incl, column("含税单价", "price incl. tax"), problems, money.PRICE_PLACES
    )
    tax_rate = _decimal(line.tax_rate, column("税率", "tax rate"), problems, money.RATE_PLACES)
    if tax_rate is None:
        tax_rate = item.tax_rate if dtype.partner_kind else Decimal(0)
    if (price is not None and price < 0) or (price_incl is not None and price_incl < 0):
        bad(tr("单价不能为负", "The price cannot be negative"))
    amounts = line_amounts(qty, price, tax_rate, price_incl)
    if dtype.value_only:
        value = _decimal(line.amount, column("金额", "amount"), problems, money.MONEY_PLACES)
        if not value:
            bad(tr("请填写调整金额", "An adjustment amount is required"))
        qty, amounts = (
            Decimal(0),
            LineAmounts(Decimal(0), value or Decimal(0), Decimal(0), value or Decimal(0)),
        )
    row.update(
        item=item,
        unit=unit,
        qty=qty,
        base_qty=money.qty(qty * factor),
        price=amounts.price,
        tax_rate=tax_rate,
        amount=amounts.amount,
        tax=amounts.tax,
        total=amounts.total,
    )
    for key, wh_key in (("location", "warehouse"), ("dest_location", "dest_warehouse")):
        value = getattr(line, key)
        if value is None or value == "":
            row[key] = None
        elif isinstance(value, Location):
            row[key] = value
        else:
            wh = header.get(wh_key)
            loc = lookup.location_by_code(wh, value) if wh else None
            if loc is None:
                bad(tr("库位“{c}”不存在", "Location '{c}' does not exist", c=value))
            row[key] = loc
    return row if len(problems) == p_start else None


def build_document(data: DocumentInput) -> tuple[dict, list[dict]]:
    """Validates a whole document input and returns header and line rows, or raises."""
    _UNITS.clear()
    _ITEMS.clear()
    _ITEMS.update(lookup.items_by_code(x.item for x in data.lines if isinstance(x.item, str)))
    problems: list[Problem] = []
    header = _build_header(data, problems)
    dtype = DOC_TYPES[header["doc_type"]]
    if not data.lines:
        problems.append(Problem(tr("单据没有明细行", "The document has no lines"), "lines"))
    rows = []
    for i, line in enumerate(data.lines):
        start = len(problems)
        rows.append(_build_line(dtype, header, i + 1, line, problems))
        if line.extra.get("row"):  # an imported line: name its spreadsheet row
            problems[start:] = [replace(p, row=line.extra["row"]) for p in problems[start:]]
    require(problems)
    header["total_amount"] = sum((r["amount"] for r in rows), Decimal(0))
    header["total_tax"] = sum((r["tax"] for r in rows), Decimal(0))
    return header, rows


def save_draft(data: DocumentInput, doc_id: int | None = None) -> Document:
    """Creates a draft (assigning its number) or replaces a draft's header and lines."""
    with cycle_collection_paused():  # as approve: thousands of short-lived line objects
        return _save_draft(data, doc_id)


def _save_draft(data: DocumentInput, doc_id: int | None) -> Document:
    header, rows = build_document(data)
    with write_transaction():
        if doc_id is None:
            _refuse_duplicate_external(header["doc_type"], header["external_number"])
            doc = Document.create(
                number=next_number(header["doc_type"], header["date"]),
                maker=current_user(),
                **header,
            )
            action = "document.create"
        else:
            doc = get_document(doc_id)
            if doc.status != "draft":
                raise StateError(_state_msg(doc, "edit"))
            for key, value in header.items():
                setattr(doc, key, value)
            doc.updated_at = now()
            doc.save()
            DocumentLineSerial.delete().where(
                DocumentLineSerial.line.in_(
                    DocumentLine.select(DocumentLine.id).where(DocumentLine.document == doc)
                )
            ).execute()
            DocumentLine.delete().where(DocumentLine.document == doc).execute()
            action = "document.edit"
        _insert_lines(doc, rows)
        audit(action, doc.number)
    return doc


def _insert_lines(doc: Document, rows: list[dict]) -> None:
    """Writes a document's lines with one executemany (a 20,000-line stocktake at once)."""
    serials = {row["line_no"]: row.pop("serials", []) for row in rows}
    fields = [f for f in DocumentLine._meta.sorted_fields if f.name != "id"]
    values = []
    for row in rows:
        row = {**row, "document": doc}
        out = []
        for f in fields:
            value = row.get(f.name, f.default() if callable(f.default) else f.default)
            if hasattr(value, "_pk"):  # a model instance for a foreign key
                value = value._pk
            out.append(f.db_value(value))
        values.append(out)
    bulk_insert(DocumentLine._meta.table_name, [f.column_name for f in fields], values)
    wanted = {no: s for no, s in serials.items() if s}
    if wanted:
        ids = dict(
            DocumentLine.select(DocumentLine.line_no, DocumentLine.id)
            .where(DocumentLine.document == doc)
            .tuples()
        )
        DocumentLineSerial.insert_many(
            [{"line": ids[no], "serial": serial} for no, s in wanted.items() for serial in s]
        ).execute()


def _refuse_duplicate_external(doc_type: str, external: str | None) -> None:
    if external and (
        Document.select()
        .where((Document.doc_type == doc_type) & (Document.external_number == external))
        .exists()
    ):
        raise JxcError(
            tr(
                "外部单号 {n} 已导入过（{t}）",
                "External number {n} was already imported ({t})",
                n=external,
                t=doc_type,
            ),
            "external_number",
        )


# ---------------------------------------------------------------- life cycle


def get_document(doc_id: int) -> Document:
    doc = Document.get_or_none(Document.id == doc_id)
    if doc is None:
        raise NotFound(tr("单据不存在", "No such document") + f": {doc_id}")
    return doc


def find_document(number: str, doc_type: str | None = None) -> Document:
    """A document by its own number or by the external number it was imported with.

    An external number used by documents of several types is ambiguous: refused, with
    the matching documents named (give the own number, or the type).
    """
    query = Document.select().where(Document.number == number)
    if doc_type:
        query = query.where(Document.doc_type == doc_type)
    own = query.first()
    if own is not None:
        return own
    query = Document.select().where(Document.external_number == number)
    if doc_type:
        query = query.where(Document.doc_type == doc_type)
    docs = list(query.order_by(Document.id))
    if not docs:
        raise NotFound(tr("找不到单据 {n}", "No document {n}", n=number))
    if len(docs) > 1:
        raise JxcError(
            tr(
                "外部单号 {n} 对应多张单据：{d}；请用单据编号",
                "External number {n} matches several documents: {d}; use the document number",
                n=number,
                d=", ".join(f"{d.number} ({d.doc_type})" for d in docs),
            )
        )
    return docs[0]


def _state_msg(doc: Document, action: str) -> str:
    names = {
        "draft": tr("草稿", "draft"),
        "approved": tr("已审核", "approved"),
        "void": tr("已作废", "void"),
    }
    actions = {
        "edit": tr("修改", "edit"),
        "approve": tr("审核", "approve"),
        "unapprove": tr("反审核", "un-approve"),
        "void": tr("作废", "void"),
        "delete": tr("删除", "delete"),
    }
    return tr(
        "单据 {n} 状态为{s}，不能{a}",
        "Document {n} is {s}; cannot {a} it",
        n=doc.number,
        s=names[doc.status],
        a=actions[action],
    )


def _check_open_period(doc: Document) -> None:
    if is_period_closed(doc.date):
        raise StateError(
            tr(
                "单据 {n} 的日期 {d} 所在期间已结账，不能修改；请在未结账期间做调整",
                "The period of document {n} ({d}) is closed; correct it in an open period",
                n=doc.number,
                d=doc.date,
            )
        )


def approve(doc_id: int):
    """审核: posts the document (stock, vouchers) in one transaction; returns the posting's result."""
    # a 1,000-line posting makes ~20,000 short-lived acyclic objects: the cyclic
    # collector would walk them (and every older object) ~20 times, ≈ 4 ms of ~50
    with write_transaction(), cycle_collection_paused():
        doc = get_document(doc_id)
        if doc.status != "draft":
            raise StateError(_state_msg(doc, "approve"))
        _check_open_period(doc)
        posting = posting_for(doc.doc_type)
        if posting is None:
            raise StateError(
                tr(
                    "{t} 的审核尚未实现",
                    "Approving a {t} is not available yet",
                    t=DOC_TYPES[doc.doc_type].label,
                )
            )
        problems = list(posting.validate(doc))
        for validator in _VALIDATORS:
            problems += validator(doc)
        require(problems)
        doc.status = "approved"
        doc.approver = current_user()
        doc.approved_at = now()
        doc.save(only=doc.dirty_fields)  # not every column: ~30 of them, per approval
        result = posting.post(doc) or _Result()
        _run_hooks(_AFTER_APPROVE, doc, result)
        audit("document.approve", doc.number)
    return result


def downstream_approved(doc: Document) -> list[Document]:
    """Approved documents that name this one (or one of its lines) as their source."""
    line_ids = DocumentLine.select(DocumentLine.id).where(DocumentLine.document == doc)
    by_line = (
        Document.select()
        .join(DocumentLine, on=(DocumentLine.document == Document.id))
        .where(DocumentLine.source_line.in_(line_ids))
    )
    by_header = Document.select().where(Document.source == doc)
    found = {d.id: d for d in list(by_line) + list(by_header) if d.status == "approved"}
    return list(found.values())


def unapprove(doc_id: int):
    """反审核: writes exact reversals and returns the document to draft."""
    with write_transaction(), cycle_collection_paused():  # as approve
        doc = get_document(doc_id)
        if doc.status != "approved":
            raise StateError(_state_msg(doc, "unapprove"))
        _check_open_period(doc)
        downstream = downstream_approved(doc)
        if downstream:
            raise StateError(
                tr(
                    "单据 {n} 已有下游单据 {d} 审核，请先反审核下游单据",
                    "Document {n} has approved downstream documents {d}; un-approve them first",
                    n=doc.number,
                    d=", ".join(d.number for d in downstream),
                )
            )
        result = posting_for(doc.doc_type).unpost(doc) or _Result()
        _run_hooks(_AFTER_UNAPPROVE, doc, result)
        doc.status = "draft"
        doc.approver = None
        doc.approved_at = None
        doc.save(only=doc.dirty_fields)
        audit("document.unapprove", doc.number)
    return result


def void(doc_id: int) -> None:
    """作废: only a draft; an approved document is un-approved first."""
    with write_transaction():
        doc = get_document(doc_id)
        if doc.status != "draft":
            raise StateError(_state_msg(doc, "void"))
        doc.status = "void"
        doc.save()
        audit("document.void", doc.number)


def delete_draft(doc_id: int) -> None:
    """Deletes a draft that never posted anything; its number is not reused."""
    from jxc_desktop.models.stock import StockMove

    with write_transaction():
        doc = get_document(doc_id)
        if doc.status != "draft" or StockMove.select().where(StockMove.document == doc).exists():
            raise StateError(_state_msg(doc, "delete"))
        DocumentLine.delete().where(DocumentLine.document == doc).execute()
        number = doc.number
        doc.delete_instance()
        audit("document.delete", number)
