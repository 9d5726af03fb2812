"""生产领料 and 产品入库 made from a work order in one action."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse
from production_helpers import bom, item

from jxc_desktop.engine.errors import StateError, ValidationError
from jxc_desktop.engine.production import floor
from jxc_desktop.engine.production.workorders import create_work_order, variance, work_orders
from jxc_desktop.models.documents import Document
from jxc_desktop.models.stock import StockBalance

D = dt.date


def _on_hand(code: str) -> Decimal:
    from jxc_desktop.models.masterdata import Item

    rows = StockBalance.select().join(Item).where(Item.code == code)
    return sum((r.qty for r in rows), Decimal(0))


@pytest.fixture
def order(company):
    make_warehouse("W1")
    item("FG", "make")
    item("RM1")
    item("RM2")
    bom("FG", ("RM1", 2), ("RM2", "0.5", "", "10"))  # RM2 with 10 % scrap
    doc("QCKC", D(2026, 1, 2), [("RM1", 100, "3"), ("RM2", 100, "8")], warehouse="W1")
    return create_work_order("FG", "10", D(2026, 1, 20), "W1", date=D(2026, 1, 5))


def test_issue_materials_takes_what_the_bom_still_needs(order):
    number = floor.issue_materials(order, "W1", D(2026, 1, 6))
    scll = Document.get(Document.number == number)
    assert (scll.doc_type, scll.status) == ("SCLL", "approved")
    lines = {(ln.item.code, ln.qty, ln.cost_object) for ln in scll.lines}
    assert lines == {("RM1", Decimal(20), order), ("RM2", Decimal("5.5"), order)}
    assert _on_hand("RM1") == 80 and _on_hand("RM2") == Decimal("94.5")
    assert all(r["variance_qty"] == 0 for r in variance(order))
    with pytest.raises(StateError):  # nothing left to issue
        floor.issue_materials(order, "W1", D(2026, 1, 7))
    [view] = work_orders()
    assert view.status == "in_progress" and view.issued == Decimal("104.00")


def test_receive_finished_goods_against_the_order(order):
    floor.issue_materials(order, "W1", D(2026, 1, 6))
    number = floor.receive_finished(order, "4", "W1", D(2026, 1, 8))
    cprk = Document.get(Document.number == number)
    assert cprk.doc_type == "CPRK" and cprk.status == "approved"
    assert [(ln.item.code, ln.qty) for ln in cprk.lines] == [("FG", Decimal(4))]
    assert _on_hand("FG") == 4
    [view] = work_orders()
    assert view.completed_qty == 4


def test_bad_input_is_refused_whole(order):
    with pytest.raises(ValidationError) as err:
        floor.receive_finished(order, "0", "", D(2026, 1, 8))
    assert {p.field for p in err.value.problems} == {"qty", "warehouse"}
    assert not Document.select().where(Document.doc_type == "CPRK").exists()
