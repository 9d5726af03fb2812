"""业财一体化: every approved business document gets its voucher in the same transaction.

Approving a document runs its posting (stock moves) and then `_after_approve`, which
writes one voucher (dated like the document, numbered in its month) from two parts:

- the business part, from the document's lines: receivable / payable, revenue, VAT,
  cash (see `business_entries`);
- the stock part, from the stock ledger rows this document wrote in this transaction
  (its own moves, and the 'reval' rows with which a backdated document corrects the
  moves of OTHER documents): each row posts its value to the item's inventory account
  against the counter-account of the document type that owns the corrected move (an
  earlier delivery's cost: 5401 vs 1405), so the stock sub-ledger always equals the
  inventory accounts.

Un-approving writes a red-letter reversal voucher that names the original: the business
part negated, plus the stock rows the un-approve wrote (the 'reverse' mirrors and the
re-valuation of later moves), so the books follow the stock ledger exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jxc_desktop.engine import documents, money, settings
from jxc_desktop.engine.company import get_company
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.finance import production_vouchers
from jxc_desktop.engine.finance.ledger import Entry, write_voucher
from jxc_desktop.engine.finance.rules import RuleBook
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.inventory.lines import read_items
from jxc_desktop.engine.session import current_user
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.finance import Voucher

ZERO = Decimal(0)

# The event whose account is the counter-account of an inventory row, per owner type,
# and whether that account is its debit (True) or credit side.
STOCK_COUNTER = {
    "QCKC": ("opening_stock", False),
    "QTRK": ("other_receipt", False),
    "QTCK": ("other_issue", True),
    "PDD": ("stocktake", True),
    "CBTZ": ("cost_adjustment", False),
    "XSCK": ("sale_cost", True),
    "XSTH": ("sale_cost", True),
    "SCLL": ("material_issue", True),
    "CPRK": ("finished_receipt", False),
    "WWFL": ("outsourcing_send", True),
    "WWRK": ("outsourcing_receipt", False),
    "WWTL": ("outsourcing_receipt", False),
}
# Types whose own stock rows are balanced by the business part (payable) or by their
# other half (transfers); any residual goes to purchase_difference.
SELF_BALANCED = {"CGRK", "CGTH", "DBD", "ZJD"}
# Types whose approval always has a ledger effect (checked by `jxc check`).
ALWAYS_VOUCHER = {"QCKC", "CGRK", "CGTH", "XSCK", "XSTH", "SKD", "FKD"}


@dataclass(slots=True, frozen=True)
class _Line:
    """What the business part reads of a line (amounts as Decimals)."""

    line_no: int
    amount: Decimal
    total: Decimal
    base_qty: Decimal
    account: str
    source_line_id: int | None


def _lines(doc: Document) -> list[_Line]:
    """The document's lines as plain values, in one query (no per-line models)."""
    rows = execute(
        "SELECT line_no, amount, total, base_qty, account, source_line_id "
        "FROM document_line WHERE document_id = ? ORDER BY line_no",
        (doc.id,),
    ).fetchall()
    return [
        _Line(n, _fen(a), _fen(t), money.from_scaled(q, 4), acc or "", src)
        for n, a, t, q, acc, src in rows
    ]


def _fen(units: int) -> Decimal:
    return money.from_scaled(units, 2)


def _cny(doc: Document, amount: Decimal) -> Decimal:
    return amount if doc.currency == "CNY" else money.money(amount * doc.exchange_rate)


def _partner_entry(doc: Document, account: str, amount_cny: Decimal, original: Decimal) -> Entry:
    return Entry(
        account,
        amount_cny,
        partner_id=doc.partner_id,
        currency=doc.currency,
        original_amount=original,
        rate=doc.exchange_rate,
    )


def _sums(doc: Document, lines=None) -> tuple[Decimal, Decimal, Decimal]:
    """(amount, tax, total) in CNY, converted per line like the open items (total × rate,
    half-up); the tax takes the conversion's rounding so the three add up exactly."""
    amount = total = ZERO
    for line in lines if lines is not None else _lines(doc):
        amount += _cny(doc, line.amount)
        total += _cny(doc, line.total)
    return amount, total - amount, total


def _sources(lines: list[_Line]) -> dict[int, tuple]:
    """The lines named as sources: id -> (doc_type, base_qty, amount, total), one query."""
    from jxc_desktop.engine.inventory.pool_store import in_query

    rows = in_query(
        "SELECT s.id, d.doc_type, s.base_qty, s.amount, s.total FROM document_line s "
        "JOIN document d ON d.id = s.document_id WHERE s.id IN ({})",
        sorted({x.source_line_id for x in lines if x.source_line_id}),
    )
    return {i: (t, money.from_scaled(q, 4), _fen(a), _fen(tot)) for i, t, q, a, tot in rows}


def _general_taxpayer() -> bool:
    return get_company().taxpayer_type == "general"


# ---------------------------------------------------------------- business part


def _sale(doc: Document, rules: RuleBook, sign: int) -> list[Entry]:
    lines = _lines(doc)
    amount, tax, total = _sums(doc, lines)
    original = sum((line.total for line in lines), ZERO)
    return [
        _partner_entry(doc, rules.debit("sale"), sign * total, sign * original),
        Entry(rules.credit("sale"), -sign * amount),
        Entry(rules.credit("sale_tax"), -sign * tax),
    ]


def _purchase(doc: Document, rules: RuleBook, sign: int) -> list[Entry]:
    """The payable and the input VAT; the stock rows carry the inventory debit."""
    lines = _lines(doc)
    amount, tax, total = _sums(doc, lines)
    original = sum((line.total for line in lines), ZERO)
    entries = [_partner_entry(doc, rules.credit("purchase"), -sign * total, -sign * original)]
    if _general_taxpayer():
        entries.append(Entry(rules.debit("purchase"), sign * tax))
    return entries


DELIVERIES = ("XSCK", "XSTH", "CGRK", "CGTH")
# what an invoice line may name: a delivery or receipt, or a 委外入库 line (its fee)
INVOICED = (*DELIVERIES, "WWRK")


def _invoice_differences(doc: Document) -> tuple[Decimal, Decimal]:
    """(amount, tax) in CNY of an invoice beyond the delivery / receipt lines it names, pro
    rata by quantity; lines without such a source carry nothing (as the open items do)."""
    amount = total = ZERO
    lines = _lines(doc)
    sources = _sources(lines)
    for line in lines:
        src = sources.get(line.source_line_id)
        if src is None or src[0] not in INVOICED or not src[1]:
            continue
        share = line.base_qty / src[1]
        amount += _cny(doc, line.amount - money.money(src[2] * share))
        total += _cny(doc, line.total - money.money(src[3] * share))
    return amount, total - amount


def _sales_invoice(doc: Document, rules: RuleBook, sign: int) -> list[Entry]:
    if rules.invoice_basis:
        return _sale(doc, rules, sign)
    amount, tax = _invoice_differences(doc)
    return [
        _partner_entry(doc, rules.debit("sale"), sign * (amount + tax), ZERO),
        Entry(rules.credit("sale"), -sign * amount),
        Entry(rules.credit("sale_tax"), -sign * tax),
    ]


# receipts that accrue 应付暂估 under invoice basis (WWRK: its processing fee)
ACCRUING = ("CGRK", "WWRK")


def _receipt_sources(lines: list[_Line]) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    """Receipt lines named by an invoice: id -> (base qty, amount, total) in CNY, one query."""
    from jxc_desktop.engine.inventory.pool_store import in_query

    rows = in_query(
        "SELECT s.id, d.doc_type, d.exchange_rate, s.base_qty, s.amount, s.total "
        "FROM document_line s JOIN document d ON d.id = s.document_id WHERE s.id IN ({})",
        sorted({x.source_line_id for x in lines if x.source_line_id}),
    )
    out = {}
    for line_id, doc_type, rate, base_qty, amount, total in rows:
        if doc_type in ACCRUING and base_qty:
            factor = Document.exchange_rate.python_value(rate)
            out[line_id] = (
                money.from_scaled(base_qty, 4),
                money.money(_fen(amount) * factor),
                money.money(_fen(total) * factor),
            )
    return out


def _accrual_cleared(doc: Document, lines: list[_Line], general: bool) -> Decimal:
    """CNY an invoice takes off 应付暂估. A line naming a receipt (CGRK / WWRK) clears its
    share of what the receipt accrued (net, gross for a small-scale taxpayer), counted
    cumulatively by quantity so the receipt's last invoice clears the rest to the fen;
    any other line clears its own amount."""
    from jxc_desktop.engine.trade.invoices import invoiced_base

    sources = _receipt_sources(lines)
    done = invoiced_base(sorted(sources), doc.id) if sources else {}
    cleared = ZERO
    for line in lines:
        src = sources.get(line.source_line_id)
        if src is None:
            cleared += _cny(doc, line.amount if general else line.total)
            continue
        qty, accrued = src[0], src[1] if general else src[2]
        before = done[line.source_line_id]
        after = min(before + line.base_qty, qty)
        done[line.source_line_id] = after
        cleared += money.money(accrued * after / qty) - money.money(accrued * before / qty)
    return cleared


def _invoice_on_accrual(doc: Document, rules: RuleBook, sign: int) -> list[Entry]:
    """Invoice basis: Cr 2202 by supplier, Dr 应付暂估 what the receipts accrued, Dr 进项税额;
    an invoice at another price than the receipt books the difference (差异)."""
    general = _general_taxpayer()
    lines = _lines(doc)
    amount, tax, total = _sums(doc, lines)
    if not general:
        amount, tax = total, ZERO
    cleared = _accrual_cleared(doc, lines, general)
    entries = [
        _partner_entry(doc, rules.credit("purchase"), -sign * total, ZERO),
        Entry(rules.credit("purchase_accrual"), sign * cleared, summary=tr("暂估冲回", "accrual")),
        Entry(rules.debit("purchase"), sign * tax),
    ]
    if amount != cleared:
        entries.append(
            Entry(
                rules.debit("purchase_difference"),
                sign * (amount - cleared),
                summary=tr("差异", "difference"),
            )
        )
    return entries


def _purchase_invoice(doc: Document, rules: RuleBook, sign: int) -> list[Entry]:
    if rules.invoice_basis:
        return _invoice_on_accrual(doc, rules, sign)
    amount, tax = _invoice_differences(doc)
    if not _general_taxpayer():
        amount, tax = amount + tax, ZERO
    return [
        _partner_entry(doc, rules.credit("purchase"), -sign * (amount + tax), ZERO),
        Entry(rules.debit("purchase_difference"), sign * amount),
        Entry(rules.debit("purchase"), sign * tax),
    ]


def _money_doc(doc: Document, rules: RuleBook, sign: int, event: str) -> list[Entry]:
    """SKD: Dr cash / Cr 1122; FKD: Dr 2202 / Cr cash — per line, cash by its account."""
    entries = []
    incoming = event == "receipt"
    partner_account = rules.credit(event) if incoming else rules.debit(event)
    default_cash = rules.debit(event) if incoming else rules.credit(event)
    for line in _lines(doc):
        value = sign * _cny(doc, line.amount)
        original = sign * line.amount
        cash = line.account or default_cash
        if incoming:
            entries += [
                Entry(cash, value, currency=doc.currency, original_amount=original),
                _partner_entry(doc, partner_account, -value, -original),
            ]
        else:
            entries += [
                _partner_entry(doc, partner_account, value, original),
                Entry(cash, -value, currency=doc.currency, original_amount=-original),
            ]
    return entries


def business_entries(doc: Document, rules: RuleBook, sign: int) -> list[Entry]:
    """The part of a document's voucher that does not come from the stock ledger."""
    invoice_basis = rules.invoice_basis
    t = doc.doc_type
    if t in ("XSCK", "XSTH") and not invoice_basis:
        return _sale(doc, rules, sign if t == "XSCK" else -sign)
    if t in ("CGRK", "CGTH") and not invoice_basis:
        return _purchase(doc, rules, sign if t == "CGRK" else -sign)
    if t == "XSFP":
        return _sales_invoice(doc, rules, sign)
    if t == "CGFP":
        return _purchase_invoice(doc, rules, sign)
    if t == "SKD":
        return _money_doc(doc, rules, sign, "receipt")
    if t == "FKD":
        return _money_doc(doc, rules, sign, "payment")
    return []


# ---------------------------------------------------------------- stock part


def _stock_rows(doc: Document, after: int) -> list[tuple]:
    """Stock rows this document wrote after id `after`, with the owner of the corrected move."""
    return execute(
        "SELECT m.id, m.kind, m.item_id, m.warehouse_id, m.value, "
        "COALESCE(o.document_id, m.document_id), COALESCE(o.line_id, m.line_id) "
        "FROM stock_move m LEFT JOIN stock_move o ON o.id = m.adjusts_id AND m.kind = 'reval' "
        "WHERE m.document_id = ? AND m.id > ? ORDER BY m.id",
        (doc.id, after),
    ).fetchall()


def _line_facts(line_ids: list[int]) -> dict[int, tuple[str, bool]]:
    """What the counter side of production and cost-adjustment rows needs of their lines,
    read in IN queries (not one per stock row): line id -> (cost object, whether the line
    settles a finished goods receipt, i.e. a 成本调整 line naming a CPRK line).

    The cost object is the line's own or its document's source (work order) number; for
    a settling line, that of the receipt it names."""
    from jxc_desktop.engine.inventory.pool_store import in_query

    out = {}
    for lid, obj, src_no, sid, s_type, s_obj, s_src_no in in_query(
        "SELECT l.id, l.cost_object, od.number, s.id, sd.doc_type, s.cost_object, ssd.number "
        "FROM document_line l JOIN document d ON d.id = l.document_id "
        "LEFT JOIN document od ON od.id = d.source_id "
        "LEFT JOIN document_line s ON s.id = l.source_line_id "
        "LEFT JOIN document sd ON sd.id = s.document_id "
        "LEFT JOIN document ssd ON ssd.id = sd.source_id WHERE l.id IN ({})",
        sorted(set(line_ids)),
    ):
        if sid is not None and s_type == "CPRK":
            out[lid] = (s_obj or s_src_no or "", True)
        else:
            out[lid] = (obj or src_no or "", False)
    return out


# owner types whose counter entry depends on the line (its cost object, or the receipt a
# 成本调整 line settles)
_BY_LINE = {"SCLL", "CPRK", "CBTZ"}


def _counter_key(owner: Document, line_id, facts: dict) -> tuple | None:
    """What, beyond the owner, decides a row's counter entry: (cost object, settling)."""
    if owner.doc_type not in _BY_LINE or not line_id or line_id not in facts:
        return None
    obj, settles = facts[line_id]
    if owner.doc_type == "CBTZ":
        return (obj, True) if settles else None
    return (obj, False)


def _counter_entry(owner: Document, key: tuple | None, own: bool, rules: RuleBook, value):
    """The other side of an inventory row of `owner`'s move (None: balanced elsewhere).

    Production lines (4001) name their cost object in the summary, not in the cost-object
    field: by convention a 成本对象 on a 4001 line is direct labour entered by hand, and
    the cost run reads it as such; material is known from the stock moves.
    """
    t = owner.doc_type
    if t in ("CGRK", "CGTH") and rules.invoice_basis and own:
        return Entry(rules.credit("purchase_accrual"), -value, summary=tr("暂估", "accrual"))
    if t in SELF_BALANCED and own:
        return None
    if key is not None and key[1]:  # Dr 1405 / Cr 4001: the completed goods' settled cost
        return Entry(rules.credit("finished_receipt"), -value, summary=_object_text(key[0]))
    if t not in STOCK_COUNTER:
        return Entry(rules.debit("purchase_difference"), -value)
    event, debit_side = STOCK_COUNTER[t]
    account = rules.debit(event) if debit_side else rules.credit(event)
    summary = _object_text(key[0]) if key is not None and t in ("SCLL", "CPRK") else ""
    return Entry(account, -value, summary=summary)


def _object_text(obj: str) -> str:
    return tr("成本对象 {o}", "cost object {o}", o=obj) if obj else ""


def _by_id(model, ids: set[int]) -> dict:
    """Rows by id, read in chunks (one query per 500, not one per stock row)."""
    out, ids = {}, sorted(ids)
    for start in range(0, len(ids), 500):
        for row in model.select().where(model.id.in_(ids[start : start + 500])):
            out[row.id] = row
    return out


def _items(doc: Document, ids: set[int]) -> dict:
    """The items of these stock rows: those the posting read with the lines, the rest
    (re-valued moves of other items) in IN queries."""
    read = getattr(doc, "_posting_lines", None) or ()
    known = {x.item.id: x.item for x in read if x.item is not None and x.item.id in ids}
    return {**known, **read_items(ids - known.keys())} if len(known) < len(ids) else known


def stock_entries(doc: Document, rules: RuleBook, after: int) -> list[Entry]:
    """The stock part: each stock row's value on its item's inventory account against
    the counter-account of the document that owns the move it belongs to.

    Rows that post to the same accounts with the same analysis are added up (in fen)
    before they become entries: a 1,000-line document makes a handful of entries, in the
    order the rows first name them, exactly what merging per-row entries would give."""
    rows = [r for r in _stock_rows(doc, after) if r[4]]
    items = _items(doc, {r[2] for r in rows})
    owners = _by_id(Document, {r[5] for r in rows} - {doc.id})
    owners[doc.id] = doc
    by_line = [r[6] for r in rows if r[6] and owners[r[5]].doc_type in _BY_LINE]
    facts = _line_facts(by_line) if by_line else {}
    groups: dict[tuple, int] = {}
    for _id, _kind, item_id, wh_id, value, owner_id, line_id in rows:
        key = (
            rules.inventory(items[item_id], wh_id),
            owner_id,
            _counter_key(owners[owner_id], line_id, facts),
        )
        groups[key] = groups.get(key, 0) + value
    entries: list[Entry] = []
    for (account, owner_id, counter_key), fen in groups.items():
        value = money.from_scaled(fen, 2)
        owner = owners[owner_id]
        # re-valuations merge per owner type and account (a backdated receipt may re-value
        # thousands of deliveries; the stock ledger keeps the detail per move)
        summary = (
            ""
            if owner_id == doc.id
            else tr("重估 {t}", "re-valued {t}", t=DOC_TYPES[owner.doc_type].label)
        )
        entries.append(Entry(account, value, summary=summary))
        counter = _counter_entry(owner, counter_key, owner_id == doc.id, rules, value)
        if counter is not None:
            counter.summary = counter.summary or summary
            entries.append(counter)
    return entries


# ---------------------------------------------------------------- hooks


def _covered_upto(doc: Document) -> int:
    row = (
        Voucher.select(Voucher.stock_upto)
        .where(Voucher.source == doc)
        .order_by(Voucher.stock_upto.desc())
        .first()
    )
    return row.stock_upto if row else 0


def _max_move_id() -> int:
    (top,) = execute("SELECT COALESCE(MAX(id), 0) FROM stock_move").fetchone()
    return top


def _summary(doc: Document) -> str:
    partner = f" {doc.partner.name}" if doc.partner_id else ""
    return f"{DOC_TYPES[doc.doc_type].label} {doc.number}{partner}"


def _status_fields(doc: Document) -> dict:
    """Reviewed and posted with the document, unless the company wants a separate review."""
    user = current_user()
    if settings.get("voucher_review") == "separate":
        return {"status": "draft", "maker": user}
    stamp = now()
    return {
        "status": "posted",
        "maker": user,
        "reviewer": user,
        "reviewed_at": stamp,
        "poster": user,
        "posted_at": stamp,
    }


def _fix_residual(entries: list[Entry], rules: RuleBook) -> None:
    """Purchase price / return differences: whatever keeps a voucher from balancing."""
    residual = sum((e.amount for e in entries), ZERO)
    if residual:
        entries.append(
            Entry(rules.debit("purchase_difference"), -residual, summary=tr("差异", "difference"))
        )


def write_document_voucher(doc: Document) -> None:
    """A document's voucher for the stock rows it wrote outside approval (settlements)."""
    _after_approve(doc, None)


def _after_approve(doc: Document, result) -> list[str] | None:
    rules = RuleBook()
    after = _covered_upto(doc)
    entries = business_entries(doc, rules, 1) + stock_entries(doc, rules, after)
    _fix_residual(entries, rules)
    write_voucher(
        doc.date,
        _summary(doc),
        entries,
        kind="document",
        source=doc,
        stock_upto=_max_move_id(),
        **_status_fields(doc),
    )
    return None  # quiet: imports and scripts print one summary line


def _last_voucher(doc: Document) -> Voucher | None:
    query = Voucher.select().where((Voucher.source == doc) & (Voucher.kind == "document"))
    if doc.doc_type == "WWRK":  # its stock voucher, not the fee voucher written after it
        query = query.where(Voucher.stock_upto > 0)
    return query.order_by(Voucher.id.desc()).first()


def _last_kind(doc: Document) -> str | None:
    last = Voucher.select(Voucher.kind).where(Voucher.source == doc).order_by(Voucher.id.desc())
    row = last.first()
    return row.kind if row else None


def negated_entries(voucher: Voucher | None) -> list[Entry]:
    """A voucher's entries with the opposite sign: what reverses it exactly. Nothing for
    a voucher already reversed (or none): the approval being undone wrote no voucher."""
    from dataclasses import replace

    from jxc_desktop.engine.finance.ledger import voucher_entries

    if voucher is None or Voucher.select().where(Voucher.reversal_of == voucher).exists():
        return []
    return [
        replace(e, amount=-e.amount, original_amount=-e.original_amount)
        for e in voucher_entries(voucher)
    ]


def _after_unapprove(doc: Document, result) -> list[str] | None:
    rules = RuleBook()
    after = _covered_upto(doc)
    original = _last_voucher(doc)
    if doc.doc_type == "CGFP":
        # an invoice moves no stock: its reversal is its voucher negated, whatever the
        # ar_ap_basis setting and the receipts' other invoices are by now
        effect = negated_entries(original)
    else:
        effect = business_entries(doc, rules, -1) + stock_entries(doc, rules, after)
        _fix_residual(effect, rules)
    write_voucher(
        doc.date,
        tr("冲销 ", "Reversal of ") + _summary(doc),
        effect,
        red=True,
        allow_empty=original is not None and _last_kind(doc) == "document",
        kind="reversal",
        source=doc,
        reversal_of=original,
        stock_upto=_max_move_id(),
        **_status_fields(doc),
    )
    return None


documents.on_approve(_after_approve)
documents.on_unapprove(_after_unapprove)
production_vouchers.register()
