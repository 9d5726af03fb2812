"""库存预警: safety stock, maximum, expiry, slow-moving stock and turnover."""

import datetime as dt
from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.engine.documents import LineInput
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.reports.stock_alerts import alert_counts


def test_alerts_of_every_kind(company):
    make_warehouse("W1")
    make_item("LOW", safety_stock=Decimal(10))
    make_item("HIGH", max_stock=Decimal(5))
    make_item("MILK", batch=True, shelf_life=10)
    make_item("IDLE")
    doc("QTRK", day(1), [("LOW", 3, 1), ("HIGH", 9, 1), ("IDLE", 4, "2.50")])
    doc(
        "QTRK",
        day(1),
        [LineInput(item="MILK", qty="2", price="3", batch_no="M1", production_date=day(1))],
    )
    doc("QTCK", day(50), [("LOW", 1), ("HIGH", 1)])
    rows = load_all()["stock-alerts"].run(ReportParams(date_to=day(100)))
    kinds = {(r["kind"], r["item"]) for r in rows}
    assert ("below_safety", "LOW") in kinds and ("above_max", "HIGH") in kinds
    assert ("expired", "MILK") in kinds
    assert ("slow_moving", "IDLE") in kinds and ("slow_moving", "LOW") not in kinds
    milk = next(r for r in rows if r["item"] == "MILK")
    assert milk["expiry_date"] == dt.date(2026, 1, 11) and milk["days"] == -89
    counts = alert_counts(day(100))
    assert counts["below_safety"] == 1 and counts["slow_moving"] >= 1
    slow = load_all()["slow-moving"].run(ReportParams(date_to=day(100)))
    idle = next(r for r in slow if r["item"] == "IDLE")
    assert idle["value"] == Decimal("10.00") and idle["days_idle"] == 99


def test_turnover(company):
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 10, 1)])
    doc("QTCK", day(20), [("A", 5)])
    rows = load_all()["stock-turnover"].run(ReportParams(date_from=day(1), date_to=day(31)))
    a = rows[0]
    assert a["issue_cost"] == Decimal("5.00") and a["closing_value"] == Decimal("5.00")
    # average stock = (opening 0 + closing 5) / 2 = 2.50; 5 / 2.50 = 2 turns in 31 days
    assert a["average_value"] == Decimal("2.50") and a["turnover"] == Decimal("2.00")
    assert a["turnover_days"] == Decimal("15.5")
