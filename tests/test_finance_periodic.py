"""月末一次加权平均 settled at the close, before the profit is carried."""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine.checks import run_all
from jxc_desktop.engine.finance import closing
from jxc_desktop.models.documents import Document
from jxc_desktop.models.finance import Voucher
from jxc_desktop.models.stock import PeriodicCost
from tests.finance_helpers import lines_of, setup_basic, trade_doc, voucher_of
from tests.inventory_helpers import day, doc, make_item, pool


def test_close_settles_periodic_cost_into_cost_of_sales(company):
    setup_basic()
    make_item("P", method="periodic")
    doc("QCKC", day(1), [("P", 10, "10")])
    sale = trade_doc("XSCK", day(5), [("P", 5, "30", "13")], partner="C1")
    assert ("5401", "50.00", "0.00", "") in lines_of(voucher_of(sale))
    trade_doc("CGRK", day(10), [("P", 10, "16", "13")], partner="S1")
    result = closing.close("2026-01")
    assert any("1" in m and "CBTZ" in m for m in result.messages)
    assert PeriodicCost.get().unit_cost == Decimal("13")
    settlement = Document.get(Document.doc_type == "CBTZ")
    assert lines_of(voucher_of(settlement)) == {
        ("5401", "15.00", "0.00", ""),
        ("1405", "0.00", "15.00", ""),
    }
    assert pool("P") == (Decimal("15"), Decimal("195.00"))
    close_v = Voucher.get(Voucher.summary == "结转损益")
    cost = sum(ln.credit for ln in close_v.lines if ln.account.code == "5401")
    assert cost == Decimal("65.00")
    assert run_all() == []
