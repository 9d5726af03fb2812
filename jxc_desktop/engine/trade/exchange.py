"""Exchange differences (汇兑损益) when foreign-currency items are settled.

A receipt or payment in a foreign currency settles items of the same currency by their
currency amount: $100 received at 7.20 clears a $100 receivable booked at 7.00. The
item's book value (700.00) is cleared; the money is worth 720.00; the 20.00 difference
is an exchange gain on a receivable (a loss on a payable). Each difference is kept in
`exchange_difference` and booked by one voucher in the same transaction, through the
finance ledger: receivable Dr 1122 / Cr 560302 (a gain; a loss the other way round),
payable Dr 560302 / Cr 2202. The money document's own voucher (Dr bank / Cr 1122 at
its rate) and this one together leave 1122 / 2202 equal to the open items.
Un-approving writes reversal rows and a red voucher.
"""

from __future__ import annotations

from jxc_desktop.engine import settings
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, from_scaled, money, to_scaled, yuan
from jxc_desktop.engine.session import current_user
from jxc_desktop.models.base import now
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document
from jxc_desktop.models.trade import ExchangeDifference

FX_ACCOUNT = "560302"  # 财务费用—汇兑损益 (小企业会计准则 chart), when no rule names one
PARTNER_ACCOUNT = {"SKD": "1122", "FKD": "2202"}


def item_currency(item_ids: list[int]) -> dict[int, tuple[str, object]]:
    """(currency, booked rate) of open items."""
    out = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in execute(
            f"SELECT id, currency, exchange_rate FROM open_item WHERE id IN ({marks})", chunk
        ).fetchall():
            out[r[0]] = (r[1], from_scaled(r[2], 6))
    return out


def settle_in_currency(open_fen: int, booked_rate, pay_cents: int) -> tuple[int, int]:
    """One item in the money's currency: (currency cents taken, CNY book value cleared).

    The item's open currency amount is its open CNY at the booked rate; taking all of
    it clears all of the open CNY (no rounding crumbs left on the item).
    """
    open_cents = to_scaled(money(yuan(open_fen) / booked_rate), 2)
    take = min(pay_cents, open_cents)
    cleared = open_fen if take == open_cents else to_scaled(money(yuan(take) * booked_rate), 2)
    return take, min(cleared, open_fen)


def cny_of(cents: int, rate) -> int:
    """Currency cents in CNY fen at a rate (half-up)."""
    return to_scaled(money(yuan(cents) * rate), 2)


def record(doc: Document, line_id: int, item_id: int, fen: int) -> None:
    """Keeps one difference (CNY fen, signed: money value − book value cleared)."""
    if fen:
        ExchangeDifference.create(
            document=doc, line=line_id, open_item=item_id, date=doc.date, amount=yuan(fen)
        )


def fx_account() -> str:
    """The 汇兑损益 account: finance's `fx_revaluation` rule (the one 期末调汇 uses)."""
    from jxc_desktop.engine.errors import JxcError
    from jxc_desktop.engine.finance.rules import RuleBook

    try:
        return RuleBook().debit("fx_revaluation") or FX_ACCOUNT
    except JxcError:  # a company seeded before the rule existed
        return FX_ACCOUNT


def _entries(doc: Document, fen: int):
    from jxc_desktop.engine.finance.ledger import Entry

    amount = yuan(fen)
    side = 1 if doc.doc_type == "SKD" else -1
    partner = Entry(
        PARTNER_ACCOUNT[doc.doc_type],
        side * amount,
        partner_id=doc.partner_id,
        currency=doc.currency,
        rate=doc.exchange_rate,
    )
    return [partner, Entry(fx_account(), -side * amount)]


def _status_fields() -> dict:
    # the same review rule as a document's own voucher: reviewed with the document
    # unless the company wants vouchers reviewed separately
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


def _live(doc: Document) -> list[tuple[int, int]]:
    return execute(
        "SELECT x.id, x.amount FROM exchange_difference x WHERE x.document_id = ? "
        "AND x.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM exchange_difference r "
        "WHERE r.reverses_id = x.id)",
        (doc.id,),
    ).fetchall()


def book(doc: Document) -> list[str]:
    """Writes the voucher for the document's new differences; returns the user's message."""
    from jxc_desktop.engine.finance.ledger import write_voucher

    total = sum(r[1] for r in _live(doc))
    if total == 0:
        return []
    write_voucher(
        doc.date,
        tr("汇兑损益 {n}", "Exchange difference {n}", n=doc.number),
        _entries(doc, total),
        kind="document",
        source=doc,
        **_status_fields(),
    )
    gain = total if doc.doc_type == "SKD" else -total
    return [
        tr(
            "汇兑收益 {a} 元" if gain > 0 else "汇兑损失 {a} 元",
            "Exchange gain {a}" if gain > 0 else "Exchange loss {a}",
            a=format_money(abs(yuan(gain))),
        )
    ]


def reverse(doc: Document) -> None:
    """Un-approve: reversal rows and a red voucher for the document's differences."""
    from jxc_desktop.engine.finance.ledger import write_voucher
    from jxc_desktop.models.accounting import Account
    from jxc_desktop.models.finance import Voucher, VoucherLine

    rows = _live(doc)
    if not rows:
        return
    for row_id, fen in rows:
        orig = ExchangeDifference.get_by_id(row_id)
        ExchangeDifference.create(
            document=doc,
            line=orig.line_id,
            open_item=orig.open_item_id,
            date=orig.date,
            amount=-yuan(fen),
            reverses=row_id,
        )
    original = (
        Voucher.select()
        .join(VoucherLine)
        .join(Account)
        .where(
            (Voucher.source == doc) & (Voucher.kind == "document") & (Account.code == fx_account())
        )
        .order_by(Voucher.id.desc())
        .first()
    )
    total = sum(r[1] for r in rows)
    if total == 0:
        return
    write_voucher(
        doc.date,
        tr("冲销 汇兑损益 {n}", "Reversal of exchange difference {n}", n=doc.number),
        _entries(doc, -total),
        red=True,
        kind="reversal",
        source=doc,
        reversal_of=original,
        **_status_fields(),
    )
