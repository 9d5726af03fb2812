"""The production demo builds through the engine and leaves MRP work and a clean check."""

import datetime as dt

from jxc_desktop.cli import main
from jxc_desktop.engine.demo_production import build_production_demo
from jxc_desktop.engine.production.mrp import run_mrp


def test_demo_builds_and_plans(company):
    numbers = build_production_demo(dt.date(2026, 1, 1), dt.date(2026, 1, 10))
    assert len(numbers) == 11
    assert [n[:4] for n in numbers[-3:]] == ["WWDD", "WWFL", "WWRK"]
    orders = run_mrp(dt.date(2026, 1, 10)).orders
    kinds = {o.kind for o in orders}
    assert kinds == {"production", "purchase"}
    assert {o.item.code for o in orders} >= {"FG-CHAIR", "SA-SEAT", "RM-FABRIC"}
    assert all(o.pegging for o in orders if o.item.code.startswith("FG"))
    assert main(["--db", str(company), "check"]) == 0


def test_demo_sells_nothing_without_a_price(tmp_path):
    """The full demo's 销售出库 lines all carry a price: components (no 销售价) are not
    sold at 0, which showed as a loss with no revenue in the gross-profit report."""
    from jxc_desktop.engine.company import CompanySetup
    from jxc_desktop.engine.demo import build_demo
    from jxc_desktop.engine.session import close_company, open_company
    from jxc_desktop.models.documents import Document, DocumentLine

    open_company(tmp_path / "demo.sqlite", create=True)
    try:
        build_demo(CompanySetup(name="演示公司"))
        sold = (
            DocumentLine.select(DocumentLine.price)
            .join(Document)
            .where((Document.doc_type == "XSCK") & (Document.status == "approved"))
        )
        prices = [line.price for line in sold]
        assert prices and all(p and p > 0 for p in prices)
    finally:
        close_company()
