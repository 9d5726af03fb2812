"""Vouchers for the production cost run (`jxc cost run`): overhead applied, Dr 4001 / Cr 4101.

The cost run hands its entries to `costing_run.on_cost_run` hooks; this module writes
them as one posted voucher of kind 'cost_run' dated the month's last day, and deletes
it when the run is undone (`on_cost_undo`, also before a re-run): like the closing
entries, it is derived data that the next run writes again.
"""

from __future__ import annotations

from jxc_desktop.engine.company import month_bounds
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
        _registered = True
