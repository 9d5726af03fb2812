"""A 盘盈 where the warehouse never held the item: not at 0.00, but at the item's average
cost elsewhere, else its 采购价 (inventory/gain_costs.py); the variance list says the same."""

from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse, pool

from jxc_desktop.engine import documents
from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.inventory import stocktake


def _gain(code: str, qty: str = "2"):
    st = stocktake.create_stocktake("W2", day(10))
    stocktake.count(st.id, code, qty)
    return st


def test_a_gain_in_a_warehouse_that_never_held_the_item(company):
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("A", purchase_price=Decimal("9.00"))
    make_item("B", purchase_price=Decimal("5.00"))  # held nowhere: its 采购价
    make_item("C")  # held nowhere, no price: nothing to go by
    make_item("Z")
    doc("QTRK", day(1), [("Z", 1, "1.00")], warehouse="W2")  # W2 holds only Z
    doc("QTRK", day(1), [("A", 10, "21.10")])
    doc("QTRK", day(2), [("A", 10, "21.30")])  # average 21.20 in W1
    st = _gain("A")
    stocktake.count(st.id, "B", "3")
    stocktake.count(st.id, "C", "1")
    estimate = {r["item"]: r["diff_value"] for r in stocktake.variance(st.id) if r["item"] != "Z"}
    assert estimate == {"A": Decimal("42.40"), "B": Decimal("15.00"), "C": Decimal("0.00")}
    documents.approve(st.id)
    assert pool("A", "W2") == (Decimal("2"), Decimal("42.40"))
    assert pool("B", "W2") == (Decimal("3"), Decimal("15.00"))
    assert pool("C", "W2") == (Decimal("1"), Decimal("0.00"))
    posted = {r["item"]: r["diff_value"] for r in stocktake.variance(st.id) if r["item"] != "Z"}
    assert posted == estimate
    doc("QTCK", day(11), [("A", 1)], warehouse="W2")  # the next issue carries that cost
    assert pool("A", "W2") == (Decimal("1"), Decimal("21.20"))
    assert run_all() == []  # re-valuing W2 from its first move keeps the gain's value


def test_a_gain_where_the_pool_has_a_cost_stays_at_book_cost(company):
    make_warehouse("W1")
    make_warehouse("W2")
    make_item("A")
    make_item("Z")
    doc("QTRK", day(1), [("A", 10, "20.00")])
    doc("QTRK", day(2), [("A", 4, "8.00"), ("Z", 1, "1.00")], warehouse="W2")
    doc("QTCK", day(3), [("A", 4)], warehouse="W2")  # empty, last cost 8.00
    st = _gain("A", "1")
    documents.approve(st.id)
    assert pool("A", "W2") == (Decimal("1"), Decimal("8.00"))  # not W1's 20.00
