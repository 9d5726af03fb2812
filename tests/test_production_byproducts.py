"""By-products (副产品): their cost share comes off the main product, exact to the fen."""

import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import doc, make_warehouse, pool
from production_helpers import item

from jxc_desktop.cli import main
from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.production.bom import BomInput, BomLineInput, ByProductInput, save_bom
from jxc_desktop.engine.production.bom_cost import roll_up, split_by_products
from jxc_desktop.models.masterdata import Item

D = dt.date


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    item("C1")
    item("P", "make")
    item("B")
    item("B2")
    save_bom(
        BomInput(
            "P",
            lines=[BomLineInput("C1", "2")],
            by_products=[ByProductInput("B", "0.3", "33.33"), ByProductInput("B2", "0.1", "5")],
        )
    )
    doc("QCKC", D(2026, 1, 1), [("C1", 200, "10.00")])
    return company


def test_split_is_exact():
    main_part, parts = split_by_products(Decimal("100.01"), {1: Decimal("33.33"), 2: Decimal("5")})
    assert parts == {1: Decimal("33.33"), 2: Decimal("5.00")}
    assert main_part + sum(parts.values()) == Decimal("100.01")


def test_roll_up_deducts_the_by_products(shop):
    cost = roll_up(Item.get(Item.code == "P"), Decimal("3"))
    # material 3 × 2 × 10 = 60.00; B 33.33 % = 20.00 (19.998), B2 5 % = 3.00
    assert (cost.material, cost.by_products, cost.total) == (
        Decimal("60.00"),
        Decimal("23.00"),
        Decimal("37.00"),
    )
    assert cost.unit_cost == Decimal("12.333333")


def test_cost_run_gives_the_by_product_its_share(shop):
    wo = documents.save_draft(
        DocumentInput("SCDD", D(2026, 1, 2), [LineInput(item="P", qty="10")], external_number="WO")
    )
    documents.approve(wo.id)
    doc("SCLL", D(2026, 1, 5), [LineInput(item="C1", qty="10.1", source_line=wo.lines[0])])
    doc(
        "CPRK",
        D(2026, 1, 20),
        [
            LineInput(item="P", qty="4", cost_object="WO"),
            LineInput(item="B", qty="3", cost_object="WO"),
            LineInput(item="P", qty="6", cost_object="WO"),
        ],
    )
    assert main(["--db", str(shop), "cost", "run", "2026-01"]) == 0
    # 101.00 issued: B takes money(101 × 33.33 %) = 33.66, P the remaining 67.34
    assert pool("B") == (Decimal("3"), Decimal("33.66"))
    assert pool("P") == (Decimal("10"), Decimal("67.34"))
    assert main(["--db", str(shop), "check"]) == 0
