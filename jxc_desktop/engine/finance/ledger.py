"""Writing vouchers: entries in, a numbered, balanced voucher out.

Engine code builds a voucher as a list of `Entry` values with a signed amount (debit
positive, credit negative). `write_voucher` merges entries on the same account and
analysis keys, drops zeros, turns signs into debit / credit columns, tags cash lines
with their cash-flow item and numbers the voucher per month (记-0001). A red-letter
voucher (红字冲销, the reversal of a document's voucher) keeps each line on its
natural side with a negative amount, so the debit and credit totals of the books
net out as if the original had never been posted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.engine.company import period_code
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.finance import cashflow
from jxc_desktop.engine.finance.rules import account_ids
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.db import bulk_insert, execute
from jxc_desktop.models.finance import Voucher, VoucherLine

ZERO = Decimal(0)


@dataclass
class Entry:
    """One line of a voucher being built; amount > 0 is a debit, < 0 a credit."""

    account: str
    amount: Decimal
    summary: str = ""
    partner_id: int | None = None
    department_id: int | None = None
    item_id: int | None = None
    cost_object: str = ""
    cash_flow_item: str = ""
    currency: str = "CNY"
    original_amount: Decimal = ZERO
    rate: Decimal = Decimal(1)

    def key(self) -> tuple:
        return (
            self.account,
            self.partner_id,
            self.department_id,
            self.cost_object,
            self.cash_flow_item,
            self.currency,
            self.summary,
        )


def merge(entries: list[Entry]) -> list[Entry]:
    """Adds up entries with the same account and analysis keys; drops zero results."""
    merged: dict[tuple, Entry] = {}
    for e in entries:
        have = merged.get(e.key())
        if have is None:
            merged[e.key()] = replace(e)
        else:
            have.amount += e.amount
            have.original_amount += e.original_amount
    return [e for e in merged.values() if e.amount != 0]


def next_number(period: str, word: str = "记") -> int:
    (top,) = execute(
        "SELECT COALESCE(MAX(number), 0) FROM voucher WHERE period = ? AND word = ?",
        (period, word),
    ).fetchone()
    return top + 1


def tag_cash_flow(entries: list[Entry]) -> None:
    """Gives every cash / bank entry without an item the default from its counter-account."""
    for e in entries:
        if e.cash_flow_item or not cashflow.is_cash(e.account):
            continue
        others = [o for o in entries if (o.amount > 0) != (e.amount > 0)]
        if not others:
            continue
        counter = max(others, key=lambda o: abs(o.amount))
        if cashflow.is_cash(counter.account):
            continue  # a move between cash accounts is not a cash flow
        e.cash_flow_item = cashflow.default_item(counter.account, e.amount > 0)


def write_voucher(
    date: dt.date,
    summary: str,
    entries: list[Entry],
    red: bool = False,
    allow_empty: bool = False,
    **fields,
) -> Voucher | None:
    """Writes a balanced voucher (call inside a write transaction); None when empty.

    allow_empty writes a voucher without lines: the record that a document's voucher
    was reversed when the reversal happens to have no amounts left.
    """
    entries = merge(entries)
    if not entries and not allow_empty:
        return None
    total = sum((e.amount for e in entries), ZERO)
    if total != 0:
        raise JxcError(
            tr(
                "凭证借贷不平衡（差额 {d}）：{s}",
                "The voucher does not balance (difference {d}): {s}",
                d=money.format_money(total),
                s=summary,
            )
        )
    if red:  # the lines of the voucher being reversed, shown in red (negative amounts)
        entries = [replace(e, amount=-e.amount) for e in entries]
    tag_cash_flow(entries)
    period = period_code(date)
    word = fields.pop("word", "记")
    voucher = Voucher.create(
        period=period,
        word=word,
        number=next_number(period, word),
        date=date,
        summary=summary[:200],
        **fields,
    )
    write_lines(voucher, entries, red)
    return voucher


_LINE_COLUMNS = (
    "voucher",
    "line_no",
    "summary",
    "account",
    "debit",
    "credit",
    "partner",
    "department",
    "item",
    "cost_object",
    "cash_flow_item",
    "currency",
    "original_amount",
    "rate",
)


def write_lines(voucher: Voucher, entries: list[Entry], red: bool = False) -> None:
    """Writes the voucher's lines in one statement (call inside a write transaction).

    One executemany instead of a model create per line: the cost run writes thousands
    of vouchers and the per-row ORM overhead was half its time. Every value goes
    through its field's db_value, so scaled integers (fen, 1e-6 rates) and foreign
    keys are stored exactly as VoucherLine.create would store them.
    """
    fields = [getattr(VoucherLine, name) for name in _LINE_COLUMNS]
    accounts = account_ids({e.account for e in entries})
    rows = []
    for no, e in enumerate(entries, start=1):
        value = -abs(e.amount) if red else abs(e.amount)
        debit_side = e.amount > 0
        original = -abs(e.original_amount) if red else abs(e.original_amount)
        values = (
            voucher.id,
            no,
            (e.summary or voucher.summary)[:200],
            accounts[e.account],
            value if debit_side else ZERO,
            ZERO if debit_side else value,
            e.partner_id,
            e.department_id,
            e.item_id,
            e.cost_object,
            e.cash_flow_item,
            e.currency,
            original,
            e.rate,
        )
        rows.append([f.db_value(v) for f, v in zip(fields, values, strict=True)])
    bulk_insert(VoucherLine._meta.table_name, [f.column_name for f in fields], rows)


def voucher_entries(voucher: Voucher) -> list[Entry]:
    """A stored voucher's lines back as signed entries."""
    return [
        Entry(
            account=line.account.code,
            amount=line.debit - line.credit,
            summary=line.summary,
            partner_id=line.partner_id,
            department_id=line.department_id,
            item_id=line.item_id,
            cost_object=line.cost_object,
            cash_flow_item=line.cash_flow_item,
            currency=line.currency,
            original_amount=line.original_amount,
            rate=line.rate,
        )
        for line in VoucherLine.select()
        .where(VoucherLine.voucher == voucher)
        .order_by(VoucherLine.line_no)
    ]
