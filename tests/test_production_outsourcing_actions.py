"""委外 from the order in one action: send the BOM's materials, receive with a fee."""

from decimal import Decimal

import pytest
from inventory_helpers import day, make_item, make_warehouse
from production_helpers import bom

from jxc_desktop.engine import checks, documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.errors import StateError, ValidationError
from jxc_desktop.engine.production import outsourcing_actions as oa
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Partner


@pytest.fixture
def order(company):
    make_warehouse("W1")
    make_item("M1", item_type="material")
    make_item("M2", item_type="material")
    make_item("P")
    Partner.create(kind="supplier", code="S1", name="加工厂一")
    bom("P", ("M1", 2), ("M2", 1))
    stock = documents.save_draft(
        DocumentInput(
            "QCKC",
            day(1),
            [
                LineInput(item="M1", qty="100", price="10"),
                LineInput(item="M2", qty="50", price="4"),
            ],
            warehouse="W1",
        )
    )
    documents.approve(stock.id)
    wwdd = documents.save_draft(
        DocumentInput(
            "WWDD",
            day(2),
            [LineInput(item="P", qty="20", price="5", tax_rate="13")],
            partner="S1",
            warehouse="W1",
        )
    )
    documents.approve(wwdd.id)
    return wwdd.number


def test_send_then_receive_from_the_order(order):
    assert oa.to_send(order) == [("M1", Decimal(40)), ("M2", Decimal(20))]
    sent = Document.get(Document.number == oa.send_materials(order, "W1", day(3)))
    assert (sent.doc_type, sent.status, sent.partner.code) == ("WWFL", "approved", "S1")
    assert oa.to_send(order) == []
    with pytest.raises(StateError):
        oa.send_materials(order, "W1", day(3))
    got = Document.get(Document.number == oa.receive_product(order, "8", "5", "W1", day(5)))
    assert got.doc_type == "WWRK" and got.status == "approved"
    [line] = got.lines
    assert (line.item.code, line.qty, line.price, line.amount) == (
        "P",
        Decimal(8),
        Decimal(5),
        Decimal("40.00"),
    )
    [row] = oa.open_orders()
    assert (row.number, row.item, row.qty, row.received) == (order, "P", 20, 8)
    assert checks.run_all() == []


def test_receive_refuses_bad_input_whole(order):
    with pytest.raises(ValidationError) as err:
        oa.receive_product(order, "0", "-1", "", day(5))
    assert {p.field for p in err.value.problems} == {"qty", "fee", "warehouse"}
    assert not Document.select().where(Document.doc_type == "WWRK").exists()


def test_return_what_is_left_at_the_subcontractor(order):
    oa.send_materials(order, "W1", day(3))
    oa.receive_product(order, "15", "5", "W1", day(5))  # consumed 30 M1 and 15 M2
    assert oa.at_subcontractor(order) == [("M1", Decimal(10)), ("M2", Decimal(5))]
    back = Document.get(Document.number == oa.return_materials(order, "W1", day(6)))
    assert (back.doc_type, back.status) == ("WWTL", "approved")
    assert oa.at_subcontractor(order) == []
    with pytest.raises(StateError):
        oa.return_materials(order, "W1", day(6))
    assert checks.run_all() == []
