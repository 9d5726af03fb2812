"""The demo company's trade history: orders to cash on both sides, all through the engine."""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.engine.reports.trade_ar import aging_rows
from jxc_desktop.engine.reports.trade_orders import dashboard_counts
from jxc_desktop.engine.trade import collection_plan, execution
from jxc_desktop.models.documents import Document
from jxc_desktop.models.trade import CollectionPlan, ExchangeDifference


def test_demo_trade_history(demo_company):
    assert run_all() == []
    counts = {
        t: Document.select().where(Document.doc_type == t).count()
        for t in ("CGDD", "CGFP", "FKD", "XSDD", "XSFP", "SKD", "XSTH")
    }
    assert counts["XSDD"] >= 20 and counts["CGDD"] >= 10
    assert all(counts[t] > 0 for t in counts)
    statuses = {
        execution.order_status(o)
        for o in Document.select().where(
            (Document.doc_type == "XSDD") & (Document.status == "approved")
        )
    }
    assert {"done", "partial"} <= statuses
    aging = aging_rows("receivable", ReportParams())
    assert sum(r["total"] for r in aging) > 0
    assert any(r["overdue"] > 0 for r in aging)
    assert sum(r["total"] for r in aging_rows("payable", ReportParams())) > 0
    assert CollectionPlan.select().count() == 3
    assert collection_plan.open_instalments()[0].open == Decimal(0)  # the deposit
    assert ExchangeDifference.select().count() >= 1
    counts = dashboard_counts()
    assert counts["uninvoiced"] > 0 and counts["overdue"] > 0
