"""The demo company's quality data: plans, inspected receipts, supplier qualifications.

Runs after the stock, trade and production demos (engine/demo.py). Deterministic: the
choices follow document and partner order. The demo has no quarantine warehouse (its
warehouses are 主仓库 and 原料库), so its inspections accept goods or take them by
concession (让步接收); rejecting needs `jxc config set quarantine_warehouse CODE` first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jxc_desktop.engine import documents
from jxc_desktop.engine.company import is_period_closed
from jxc_desktop.engine.quality import inspections, plans, qualifications
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Item, ItemCategory, Partner

CRITERIA = "外观无破损；规格型号与订单一致；数量清点无误；批次、效期标识清晰"


def _plans() -> None:
    raw = ItemCategory.get_or_none(ItemCategory.name == "原材料")
    query = Item.select().order_by(Item.code)
    if raw is not None:
        query = query.where(Item.category == raw)
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


def _inspect(receipt: Document, n: int) -> None:
    data = inspections.from_source(receipt.number, receipt.date)
    if n % 3 == 0:  # every third delivery has a line taken by concession
        line = data.lines[0]
        qty = Decimal(str(line.qty))
        if qty >= 2:
            line.extra["result"] = inspections.ResultInput(
                qty - 1, 0, 1, None, "包装破损，内容物完好"
            )
    documents.approve(inspections.save_inspection(data).id)


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
    """Plans for raw materials, an inspection of every approved purchase receipt, and
    each supplier's licence and certificate."""
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
        _inspect(receipt, n)
    _qualifications(end)
