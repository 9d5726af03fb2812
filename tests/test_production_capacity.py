"""Capacity: work-centre load per day from released work orders and MRP planned orders."""

import datetime as dt
from decimal import Decimal

from inventory_helpers import make_warehouse
from production_helpers import cli_json, item

from jxc_desktop.engine import documents
from jxc_desktop.engine.documents import DocumentInput, LineInput
from jxc_desktop.engine.production.capacity import spread
from jxc_desktop.models.masterdata import Item, Partner
from jxc_desktop.models.production import RoutingOperation, WorkCentre

D = dt.date


def _order(doc_type, date, code, qty, due, partner=None):
    d = documents.save_draft(
        DocumentInput(
            doc_type, date, [LineInput(item=code, qty=str(qty), due_date=due)], partner=partner
        )
    )
    documents.approve(d.id)
    return d


def test_spread_keeps_every_hour():
    assert spread(Decimal("10"), D(2026, 1, 1), D(2026, 1, 3)) == [
        (D(2026, 1, 1), Decimal("3.3333")),
        (D(2026, 1, 2), Decimal("3.3333")),
        (D(2026, 1, 3), Decimal("3.3334")),
    ]


def test_load_against_capacity(company, capsys):
    make_warehouse("W1")
    item("P", "make", lead=2)
    Partner.create(kind="customer", code="K1", name="客户一")
    wc = WorkCentre.create(code="WC1", name="装配线", capacity_hours=Decimal(8))
    RoutingOperation.create(
        item=Item.get(Item.code == "P"),
        seq=10,
        name="装配",
        work_centre=wc,
        setup_hours=Decimal(1),
        hours_per_unit=Decimal("0.5"),
    )
    wo1 = _order("SCDD", D(2026, 1, 5), "P", 10, D(2026, 1, 6))  # 6 h over 2 days
    _order("SCDD", D(2026, 1, 6), "P", 20, D(2026, 1, 6))  # 11 h on the 6th
    _order("XSDD", D(2026, 1, 2), "P", 34, D(2026, 1, 10), "K1")  # MRP: 4 more, 3 h
    rows = cli_json(
        capsys,
        company,
        "report",
        "capacity",
        "--from",
        "2026-01-05",
        "--to",
        "2026-01-10",
        "--format",
        "json",
    )
    got = {r["date"]: (r["load"], r["overloaded"]) for r in rows}
    assert got == {
        "2026-01-05": ("3.0000", False),
        "2026-01-06": ("14.0000", True),
        "2026-01-07": ("0.0000", False),
        "2026-01-08": ("1.0000", False),
        "2026-01-09": ("1.0000", False),
        "2026-01-10": ("1.0000", False),
    }
    assert rows[1]["utilisation"] == "175.00"
    assert wo1.number in rows[1]["orders"]
