"""产品成本汇总表: per product over its work orders; after the cost run it agrees with the
产品入库 values in the stock ledger and with the 4001 → 1405 voucher, to the fen."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse, pool
from production_helpers import cli_json, item

from jxc_desktop.cli import main
from jxc_desktop.engine import documents, settings
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.models.db import execute

D = dt.date


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    item("C1")
    item("P", "make")
    item("Q", "make")
    doc("QCKC", D(2026, 1, 1), [("C1", 500, "10.00")])
    return company


def work_order(product, qty, number):
    d = documents.save_draft(
        DocumentInput(
            "SCDD", D(2026, 1, 2), [LineInput(item=product, qty=str(qty))], external_number=number
        )
    )
    documents.approve(d.id)
    return d


def issue(order, qty):
    line = LineInput(item="C1", qty=str(qty), source_line=order.lines[0])
    return doc("SCLL", D(2026, 1, 5), [line])


def receive(product, qty, order_number):
    line = LineInput(item=product, qty=str(qty), cost_object=order_number)
    return doc("CPRK", D(2026, 1, 20), [line])


def _credit_4001(period_start, period_end) -> Decimal:
    (cents,) = execute(
        "SELECT COALESCE(SUM(l.credit), 0) FROM voucher_line l "
        "JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id "
        "WHERE a.code LIKE ? AND v.date >= ? AND v.date <= ?",
        ["4001%", str(period_start), str(period_end)],
    ).fetchone()
    return Decimal(cents) / 100


def test_two_orders_of_one_product_add_up_and_agree_with_the_books(shop, capsys):
    settings.set_value("overhead_rate", "0")
    p1, p2, q = work_order("P", 10, "WO-1"), work_order("P", 5, "WO-2"), work_order("Q", 3, "WO-3")
    issue(p1, 10)  # 100.00
    issue(p2, 7)  # 70.00
    issue(q, 4)  # 40.00
    receive("P", 10, "WO-1")
    receive("P", 5, "WO-2")
    receive("Q", 3, "WO-3")
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    rows = cli_json(
        capsys, shop, "report", "product-cost", "--period", "2026-01", "--format", "json"
    )
    by_item = {r["item"]: r for r in rows}
    assert by_item["P"]["name"] == "商品P"
    assert by_item["P"]["completed_qty"] == "15.0000"
    assert by_item["P"]["material"] == "170.00" and by_item["P"]["total"] == "170.00"
    assert by_item["P"]["unit_cost"] == "11.333333"  # 170 / 15, to 1e-6
    assert by_item["Q"]["total"] == "40.00" and by_item["Q"]["unit_cost"] == "13.333333"
    total = rows[-1]
    assert total["item"] == "" and total["name"] == "合计"
    assert total["total"] == "210.00" and total["added"] == "210.00"
    assert total["ending_wip"] == "0.00" and total["unit_cost"] is None
    # the stock ledger holds what the report says the goods cost
    assert pool("P")[1] == Decimal("170.00") and pool("Q")[1] == Decimal("40.00")
    # and 4001 was credited with exactly the completed cost (4001 → 1405)
    assert _credit_4001(D(2026, 1, 1), D(2026, 1, 31)) == Decimal(total["total"])


def test_a_month_without_production_is_empty(shop, capsys):
    rows = cli_json(
        capsys, shop, "report", "product-cost", "--period", "2026-01", "--format", "json"
    )
    assert rows == []
