"""委外 in the books, for `jxc check`: the business documents' balance of 委托加工物资
(1408, or whatever accounts the outsourcing voucher rules name) equals the value of the
materials at the subcontractors (sent − returned − consumed, `outsourcing.held`).

Under either ar_ap_basis the processing fee passes through 1408 (Dr with the fee
voucher, Cr with the product's receipt), so only the materials remain there. Manual
vouchers on 1408 are outside the comparison, as they are for 1122 / 2202.
"""

from __future__ import annotations

from jxc_desktop.engine.checks import register
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, from_scaled
from jxc_desktop.models.db import execute

# (event, side) of the outsourcing rules whose account holds the materials sent out
_SIDES = (("outsourcing_send", "debit"), ("outsourcing_fee", "debit"))
_CREDIT = ("outsourcing_receipt",)


def _accounts() -> list[str]:
    from jxc_desktop.models.finance import VoucherRule

    codes = set()
    for rule in VoucherRule.select().where(
        VoucherRule.event.in_([e for e, _s in _SIDES] + list(_CREDIT))
    ):
        codes.add(rule.credit_account if rule.event in _CREDIT else rule.debit_account)
    codes.discard("")
    return sorted(codes)


@register("outsourcing_account")
def outsourcing_account() -> list[str]:
    """GL 1408 from business documents = materials at the subcontractors, in fen."""
    from jxc_desktop.engine.production.outsourcing import held

    codes = _accounts()
    if not codes:  # no outsourcing document was ever approved
        return []
    marks = ",".join("?" * len(codes))
    (book,) = execute(
        "SELECT COALESCE(SUM(l.debit) - SUM(l.credit), 0) FROM voucher_line l "
        "JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id "
        f"WHERE v.kind IN ('document', 'reversal') AND a.code IN ({marks})",
        codes,
    ).fetchone()
    there = sum(h.value for h in held().values())
    if int(book) == there:
        return []
    return [
        tr(
            "科目 {a} 余额 {b} 与加工商处材料 {h} 不符",
            "account {a} balance {b} differs from the materials at subcontractors {h}",
            a="/".join(codes),
            b=format_money(from_scaled(int(book), 2)),
            h=format_money(from_scaled(there, 2)),
        )
    ]
