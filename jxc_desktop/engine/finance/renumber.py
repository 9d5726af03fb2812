"""凭证整理: renumbering one open month's vouchers in date order, as 用友 and 金蝶 offer.

Deleted drafts leave gaps (记-0003 missing), and a document approved late or backdated
gets the next number whatever its date, so the 凭证簿 reads out of order. Tidying the
month numbers each voucher word (记, 收, 付 …) 1..n by date, then by the current number
(the order the vouchers were made within a day). Only the numbers change: dates, lines,
amounts, statuses and the documents behind the vouchers stay as they are. A closed
month is refused: its printed books must keep their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from jxc_desktop.engine.errors import NotFound, StateError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.session import audit
from jxc_desktop.models.company import Period
from jxc_desktop.models.db import execute, executemany, write_transaction


@dataclass
class RenumberResult:
    """What 凭证整理 did: how many vouchers the month has and how many were renumbered."""

    period: str
    total: int = 0
    changed: int = 0
    messages: list[str] = field(default_factory=list)


def plan(period: str) -> dict[int, int]:
    """The new number of every voucher of the month whose number changes (id → number)."""
    rows = execute(
        "SELECT id, word, number FROM voucher WHERE period = ? ORDER BY word, date, number, id",
        (period,),
    ).fetchall()
    out = {}
    for _word, group in groupby(rows, key=lambda r: r[1]):
        for new, (vid, _w, number) in enumerate(group, start=1):
            if number != new:
                out[vid] = new
    return out


def renumber(period: str) -> RenumberResult:
    """凭证整理 of month `period` (YYYY-MM) in one transaction; refused when it is closed."""
    with write_transaction():
        _require_open(period)
        (total,) = execute("SELECT COUNT(*) FROM voucher WHERE period = ?", (period,)).fetchone()
        changes = plan(period)
        if changes:
            # (period, word, number) is unique after every single row: park the vouchers
            # on numbers no voucher has (minus their ids) before giving the new ones
            sql = "UPDATE voucher SET number = ? WHERE id = ?"
            executemany(sql, [(-vid, vid) for vid in changes])
            executemany(sql, [(new, vid) for vid, new in changes.items()])
        audit("voucher.renumber", period, f"{len(changes)}/{total}")
    return RenumberResult(period, total, len(changes), [_summary(period, total, len(changes))])


def _require_open(period: str) -> None:
    row = Period.get_or_none(Period.code == period)
    if row is None:
        raise NotFound(tr("期间 {p} 不存在", "No period {p}", p=period))
    if row.closed:
        raise StateError(
            tr(
                "{p} 已结账，凭证号不能再整理",
                "{p} is closed; its voucher numbers cannot be tidied",
                p=period,
            )
        )


def _summary(period: str, total: int, changed: int) -> str:
    if not changed:
        return tr(
            "{p} 的 {t} 张凭证已按日期连续编号，无需整理",
            "{p}: the {t} vouchers are already numbered in date order",
            p=period,
            t=total,
        )
    return tr(
        "{p} 凭证整理完成：{t} 张凭证按日期重新编号，{c} 张的凭证号有变化",
        "{p} tidied: {t} vouchers numbered in date order, {c} of them renumbered",
        p=period,
        t=total,
        c=changed,
    )
