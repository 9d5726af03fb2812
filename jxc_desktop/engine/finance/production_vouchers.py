"""Vouchers for the production cost run (`jxc cost run`): overhead applied, Dr 4001 / Cr 4101,
and for the processing fee of a 委外入库 WWRK (Dr 1408 + 进项税额 / Cr 2202 by subcontractor).

The cost run hands its entries to `costing_run.on_cost_run` hooks; this module writes
them as one posted voucher of kind 'cost_run' dated the month's last day, and deletes
it when the run is undone (`on_cost_undo`, also before a re-run): like the closing
entries, it is derived data that the next run writes again.

The fee voucher is a second document voucher of the receipt, written after the stock one
(Dr 1405 / Cr 1408 for materials + fee); un-approving writes its red-letter reversal.
"""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.company import get_company, month_bounds
from jxc_desktop.engine.finance.ledger import Entry, write_voucher
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import current_user
from jxc_desktop.models.base import now
from jxc_desktop.models.finance import Voucher, VoucherLine

KIND = "cost_run"
_registered = False


def write_cost_run(period: str, entries) -> list[str] | None:
    """Writes the run's entries (account, debit, credit, cost_object, summary) as a voucher."""
    _, end = month_bounds(period)
    user, stamp = current_user(), now()
    voucher = write_voucher(
        end,
        tr("{p} 成本计算", "{p} cost run", p=period),
        [
            Entry(e.account, e.debit - e.credit, e.summary, cost_object=e.cost_object)
            for e in entries
        ],
        kind=KIND,
        status="posted",
        maker=user,
        reviewer=user,
        reviewed_at=stamp,
        poster=user,
        posted_at=stamp,
    )
    return [voucher.display_number] if voucher else None


def undo_cost_run(period: str) -> None:
    ids = [
        v.id
        for v in Voucher.select(Voucher.id).where(
            (Voucher.period == period) & (Voucher.kind == KIND)
        )
    ]
    VoucherLine.delete().where(VoucherLine.voucher.in_(ids)).execute()
    Voucher.delete().where(Voucher.id.in_(ids)).execute()


def _fee_entries(doc, sign: int) -> list[Entry]:
    from jxc_desktop.engine.finance.rules import RuleBook
    from jxc_desktop.engine.production.outsourcing import fee_lines

    rules, entries = RuleBook(), []
    general = get_company().taxpayer_type == "general"
    for line in fee_lines(doc):
        rate = doc.exchange_rate
        total = line.total if doc.currency == "CNY" else _cny(line.total, rate)
        amount = line.amount if doc.currency == "CNY" else _cny(line.amount, rate)
        tax = total - amount if general else Decimal(0)
        if rules.invoice_basis:  # 应付暂估 until the subcontractor's invoice (CGFP) comes
            entries += _fee_accrual(rules, sign * (total - tax))
            continue
        entries += [
            Entry(rules.debit("outsourcing_fee"), sign * (total - tax)),
            Entry(rules.debit("purchase"), sign * tax),
            Entry(
                rules.credit("outsourcing_fee"),
                -sign * total,
                partner_id=doc.partner_id,
                currency=doc.currency,
                original_amount=-sign * line.total,
                rate=rate,
            ),
        ]
    return entries


def _fee_accrual(rules, value) -> list[Entry]:
    return [
        Entry(rules.debit("outsourcing_fee"), value),
        Entry(rules.credit("purchase_accrual"), -value, summary=tr("暂估", "accrual")),
    ]


def _cny(amount, rate):
    from jxc_desktop.engine.money import money

    return money(amount * rate)


def _status(user):
    if settings.get("voucher_review") == "separate":
        return {"status": "draft", "maker": user}
    stamp = now()
    return dict(
        status="posted", maker=user, reviewer=user, reviewed_at=stamp, poster=user, posted_at=stamp
    )


def _fee_summary(doc) -> str:
    return tr("委外加工费 {n} {p}", "Processing fee {n} {p}", n=doc.number, p=doc.partner.name)


def write_fee_voucher(doc, result) -> None:
    """委外入库: the processing fee payable, after the receipt's stock voucher."""
    if doc.doc_type != "WWRK":
        return None
    entries = _fee_entries(doc, 1)
    if entries:
        write_voucher(
            doc.date,
            _fee_summary(doc),
            entries,
            kind="document",
            source=doc,
            **_status(current_user()),
        )
    return None


def reverse_fee_voucher(doc, result) -> None:
    """Un-approving a 委外入库: the fee voucher's red-letter reversal."""
    if doc.doc_type != "WWRK":
        return None
    original = (
        Voucher.select()
        .where(
            (Voucher.source == doc)
            & (Voucher.kind == "document")
            & (Voucher.summary == _fee_summary(doc))
        )
        .order_by(Voucher.id.desc())
        .first()
    )
    from jxc_desktop.engine.finance.document_vouchers import negated_entries

    # exactly what was booked, whatever the settings say now
    entries = _fee_entries(doc, -1) if original is None else negated_entries(original)
    if entries:
        write_voucher(
            doc.date,
            tr("冲销 ", "Reversal of ") + _fee_summary(doc),
            entries,
            red=True,
            kind="reversal",
            source=doc,
            reversal_of=original,
            **_status(current_user()),
        )
    return None


def register() -> None:
    """Hooks into the production cost run when the production module is present."""
    global _registered
    try:
        from jxc_desktop.engine.production import costing_run
    except ImportError:  # a build without the production module
        return
    if not _registered:
        costing_run.on_cost_run(write_cost_run)
        costing_run.on_cost_undo(undo_cost_run)
        # after the document vouchers: the receipt's stock voucher comes first
        documents.on_approve(write_fee_voucher)
        documents.on_unapprove(reverse_fee_voucher)
        _registered = True
