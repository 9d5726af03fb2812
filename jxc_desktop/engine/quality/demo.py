"""The demo company's quality data: plans, inspected receipts, supplier qualifications.

Runs after the stock, trade and production demos (engine/demo.py). Deterministic: the
choices follow document and partner order. It adds the quarantine warehouse 不合格品仓
(WH09, the company's `quarantine_warehouse`): every third receipt has a line taken by
concession (让步接收), every fifth has a few units rejected into quarantine, and every
other rejecting inspection returns them to the supplier (退回供应商, an approved CGTH),
so the supplier evaluation shows pass rates below 100 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents, settings
from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine.company import is_period_closed
from jxc_desktop.engine.documents import DocumentInput
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.quality import actions, inspections, plans, qualifications
from jxc_desktop.models.db import write_transaction
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, ItemCategory, Partner

CRITERIA = "外观无破损；规格型号与订单一致；数量清点无误；批次、效期标识清晰"
QUARANTINE = "WH09"
DEFECTS = ("外观划伤", "尺寸超差", "包装破损、受潮", "型号与订单不符")


def _quarantine_warehouse() -> None:
    md.save_warehouse(md.WarehouseData(QUARANTINE, "不合格品仓", is_quarantine=True))
    settings.set_value("quarantine_warehouse", QUARANTINE)


def _plans() -> None:
    raw = ItemCategory.get_or_none(ItemCategory.name == "原材料")
    query = Item.select().order_by(Item.code)
    if raw is not None:  # the raw materials sit in the sub-categories (金属材料, …)
        kinds = ItemCategory.select(ItemCategory.id).where(
            (ItemCategory.id == raw.id) | (ItemCategory.parent == raw.id)
        )
        query = query.where(Item.category.in_(kinds))
    for n, item in enumerate(query.limit(12)):
        sampling = ("percent", "10", "5") if n % 2 else ("fixed", "0", "8")
        plans.save_plan(
            plans.PlanData(
                item,
                "incoming",
                sampling[0],
                sample_qty=sampling[2],
                sample_percent=sampling[1],
                criteria=CRITERIA,
            )
        )


def _approve(data: DocumentInput) -> Document:
    doc = inspections.save_inspection(data)
    documents.approve(doc.id)
    return doc


def _reject(receipt: Document, n: int, end: dt.date) -> bool:
    """A few units of the first line rejected, every other time returned to the supplier.
    Refused (later stock of that item already issued, say) leaves nothing: the receipt
    is then inspected as usual."""
    data = inspections.from_source(receipt.number, receipt.date)
    line = data.lines[0]
    qty = Decimal(str(line.qty))
    if qty < 5:
        return False
    bad = max(Decimal(1), (qty / 20).to_integral_value())
    reason = DEFECTS[n % len(DEFECTS)]
    line.extra["result"] = inspections.ResultInput(qty - bad, bad, 0, None, reason)
    try:
        with write_transaction():  # a savepoint: a refusal rolls back only this receipt
            doc = _approve(data)
            if n % 2 == 0:
                day = min(receipt.date + dt.timedelta(days=2), end)
                actions.return_to_supplier(doc.id, day, approve=True)
    except JxcError:
        return False
    return True


def _inspect(receipt: Document, n: int, end: dt.date) -> None:
    if n % 5 == 2 and _reject(receipt, n // 5, end):
        return
    data = inspections.from_source(receipt.number, receipt.date)
    if n % 3 == 0:  # every third delivery has a line taken by concession
        line = data.lines[0]
        qty = Decimal(str(line.qty))
        if qty >= 2:
            line.extra["result"] = inspections.ResultInput(
                qty - 1, 0, 1, None, "包装破损，内容物完好"
            )
    _approve(data)


def _qualifications(end: dt.date) -> None:
    suppliers = Partner.select().where(Partner.kind == "supplier").order_by(Partner.id)
    for n, s in enumerate(suppliers):
        data = qualifications.QualificationData
        qualifications.save_qualification(
            data(s, "营业执照", s.tax_number or f"DEMO-{n:03d}", "市场监督管理局")
        )
        # a few certificates lapse or are about to: the expiry reminder has work to show
        valid_to = end + dt.timedelta(days=(-20, 12, 25, 200, 400)[n % 5])
        qualifications.save_qualification(
            data(
                s,
                "ISO9001 质量管理体系认证",
                f"Q{n:05d}",
                "中国质量认证中心",
                valid_to - dt.timedelta(days=3 * 365),
                valid_to,
            )
        )


def build_quality_demo(start: dt.date, end: dt.date) -> None:
    """The quarantine warehouse, plans for raw materials, an inspection of every approved
    purchase receipt (a few with rejects, some returned), each supplier's licence and
    certificate."""
    _quarantine_warehouse()
    _plans()
    receipts = (
        Document.select()
        .where(
            (Document.doc_type == "CGRK")
            & (Document.status == "approved")
            & (Document.date >= start)
            & (Document.date <= end)
        )
        .order_by(Document.date, Document.id)
    )
    for n, receipt in enumerate(r for r in receipts if not is_period_closed(r.date)):
        _inspect(receipt, n, end)
    _qualifications(end)
