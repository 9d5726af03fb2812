"""Read-only views of vouchers for drill-downs: a voucher's lines, a document's vouchers."""

from __future__ import annotations

from peewee import JOIN

from jxc_desktop.engine.i18n import tr
from jxc_desktop.models.accounting import Account
from jxc_desktop.models.finance import Voucher, VoucherLine
from jxc_desktop.models.masterdata import Partner

STATUS = {
    "draft": ("未审核", "Draft"),
    "reviewed": ("已审核", "Reviewed"),
    "posted": ("已记账", "Posted"),
}


def status_label(status: str) -> str:
    """未审核 / 已审核 / 已记账 in the current language (unknown codes as they are)."""
    zh, en = STATUS.get(status, (status, status))
    return tr(zh, en)


def document_voucher_ids(document_id: int) -> list[int]:
    """The vouchers a business document wrote (approval, reversals), oldest first."""
    query = Voucher.select(Voucher.id).where(Voucher.source == document_id)
    return [v.id for v in query.order_by(Voucher.date, Voucher.id)]


def voucher_lines(voucher_ids: list[int]) -> list[dict]:
    """One dict per line of the given vouchers, in voucher then line order.

    Keys: number, date, status, source, summary, account, debit, credit, partner; the
    voucher's own fields repeat on each of its lines so a table can show them once.
    """
    if not voucher_ids:
        return []
    query = (
        VoucherLine.select(VoucherLine, Voucher, Account, Partner)
        .join(Voucher)
        .switch(VoucherLine)
        .join(Account)
        .switch(VoucherLine)
        .join(Partner, JOIN.LEFT_OUTER)
        .where(VoucherLine.voucher.in_(voucher_ids))
        .order_by(Voucher.date, Voucher.id, VoucherLine.line_no)
    )
    rows = []
    for line in query:
        v = line.voucher
        rows.append(
            {
                "voucher_id": v.id,
                "number": f"{v.period} {v.display_number}",
                "date": v.date,
                "status": status_label(v.status),
                "source": v.source.number if v.source_id else "",
                "summary": line.summary or v.summary,
                "account": f"{line.account.code} {line.account.name}",
                "debit": line.debit,
                "credit": line.credit,
                "partner": line.partner.name if line.partner_id else "",
            }
        )
    return rows
