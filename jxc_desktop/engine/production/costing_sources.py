"""Where labour and overhead come from: voucher lines on 4001 and 4101 (finance module).

Direct labour of a cost object = the debit − credit of voucher lines on 4001 (or its
sub-accounts) in the period that name it in 成本对象. Overhead = voucher lines on
4101: those naming an object are charged to it, the rest is the untagged pool the
cost run allocates. Vouchers written by the cost run itself (kind 'cost_run') and
void ones are left out. Until the finance tables exist this reads nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import money
from jxc_desktop.models.db import database, execute

COST_RUN_KIND = "cost_run"
_NEEDED = {
    "voucher": {"id", "date", "status", "kind"},
    "voucher_line": {"voucher_id", "account_id", "debit", "credit", "cost_object"},
}


def available() -> bool:
    """True when the finance module's voucher tables (with the columns used here) exist."""
    tables = set(database.obj.get_tables())
    for table, cols in _NEEDED.items():
        if table not in tables:
            return False
        if not cols <= {c.name for c in database.obj.get_columns(table)}:
            return False
    return True


def account_lines(code: str, start: dt.date, end: dt.date) -> list[tuple[str, Decimal]]:
    """(cost object, debit − credit) of the period's voucher lines on an account and its subs."""
    if not available():
        return []
    rows = execute(
        "SELECT vl.cost_object, vl.debit, vl.credit FROM voucher_line vl "
        "JOIN voucher v ON v.id = vl.voucher_id JOIN account a ON a.id = vl.account_id "
        "WHERE (a.code = ? OR a.code LIKE ?) AND v.date >= ? AND v.date <= ? "
        "AND v.status != 'void' AND v.kind != ?",
        (code, code + "%", str(start), str(end), COST_RUN_KIND),
    ).fetchall()
    return [
        ((obj or "").strip(), money.from_scaled(int(dr or 0) - int(cr or 0), 2))
        for obj, dr, cr in rows
    ]


def labour(start: dt.date, end: dt.date, key) -> dict[str, Decimal]:
    """Direct labour per cost object (key() makes the object's canonical name)."""
    out: dict[str, Decimal] = {}
    for obj, amount in account_lines("4001", start, end):
        if obj:
            out[key(obj)] = out.get(key(obj), Decimal(0)) + amount
    return out


def overhead(start: dt.date, end: dt.date, key) -> tuple[dict[str, Decimal], Decimal]:
    """(overhead named per object, the untagged rest) of the period."""
    tagged: dict[str, Decimal] = {}
    rest = Decimal(0)
    for obj, amount in account_lines("4101", start, end):
        if obj:
            tagged[key(obj)] = tagged.get(key(obj), Decimal(0)) + amount
        else:
            rest += amount
    return tagged, rest
