"""信用控制 at 销售订单 XSDD and 销售出库 XSCK approval.

The customer's credit_limit (0 = no limit) is compared with its open receivables plus
this document's total (CNY incl. tax). Setting credit_control: `block` refuses the
approval with a message that shows limit, used, this document and the overdue amount;
`warn` approves and tells the user the same; `off` does nothing. Overdue items alone
never block: they are shown in the message (the limit is the agreed rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from jxc_desktop.engine import settings
from jxc_desktop.engine.errors import Problem
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, to_scaled, yuan
from jxc_desktop.engine.trade import openitems
from jxc_desktop.models.db import execute
from jxc_desktop.models.documents import Document

CONTROLLED = ("XSDD", "XSCK")


@dataclass
class CreditState:
    limit: int
    used: int
    this: int
    overdue: int

    @property
    def exceeded(self) -> bool:
        return self.limit > 0 and self.used + self.this > self.limit


def document_fen(doc: Document) -> int:
    rows = execute("SELECT total FROM document_line WHERE document_id = ?", (doc.id,)).fetchall()
    return sum(openitems.cny_fen(doc, yuan(r[0])) for r in rows)


def state(doc: Document) -> CreditState:
    """Limit, receivables used (not counting this document), this document, overdue."""
    items = [
        o for o in openitems.open_items(doc.partner_id, "receivable") if o.document_id != doc.id
    ]
    return CreditState(
        limit=to_scaled(doc.partner.credit_limit, 2),
        used=sum(o.open for o in items),
        this=document_fen(doc),
        overdue=sum(o.open for o in items if o.open > 0 and o.due_date < doc.date),
    )


def message(doc: Document, st: CreditState) -> str:
    return tr(
        "客户 {p} 超出信用额度：额度 {limit}，已用 {used}，本单 {this}，逾期 {overdue}",
        "Customer {p} is over the credit limit: limit {limit}, used {used}, "
        "this document {this}, overdue {overdue}",
        p=doc.partner.name,
        limit=format_money(yuan(st.limit)),
        used=format_money(yuan(st.used)),
        this=format_money(yuan(st.this)),
        overdue=format_money(yuan(st.overdue)),
    )


def validate_credit(doc: Document) -> list[Problem]:
    """Refuses the approval under `block` when the limit would be exceeded."""
    if doc.doc_type not in CONTROLLED or settings.get("credit_control") != "block":
        return []
    st = state(doc)
    return [Problem(message(doc, st), "partner")] if st.exceeded else []


def warn_after_approve(doc: Document) -> list[str] | None:
    """Under `warn` the approval goes through and the user reads the same message."""
    if doc.doc_type not in CONTROLLED or settings.get("credit_control") != "warn":
        return None
    st = state(doc)
    return [message(doc, st)] if st.exceeded else None
