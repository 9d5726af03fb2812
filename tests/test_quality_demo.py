"""The demo's quality data: a quarantine warehouse, rejected goods, a return to supplier."""

from __future__ import annotations

import datetime as dt

from jxc_desktop.engine import settings
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Warehouse
from jxc_desktop.models.quality import InspectionPlan, InspectionResult


def test_demo_rejects_some_goods_and_returns_them(demo_company):
    quarantine = Warehouse.get(Warehouse.code == settings.get("quarantine_warehouse"))
    assert quarantine.name == "不合格品仓" and quarantine.is_quarantine
    assert InspectionPlan.select().count() == 12
    rejected = InspectionResult.select().where(InspectionResult.rejected > 0)
    assert rejected.count() >= 3
    returns = Document.select().where(
        (Document.doc_type == "CGTH") & (Document.status == "approved")
    )
    assert any(r.source_id and r.source.doc_type == "ZJD" for r in returns)
    params = ReportParams(dt.date(2026, 1, 1), dt.date.today())
    rows = load_all()["supplier-evaluation"].run(params)
    assert any(r["pass_rate"] is not None and r["pass_rate"] < 100 for r in rows)
    assert run_all() == []
