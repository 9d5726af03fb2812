"""The 销售 / 采购 tabs on the real engine: list, approve, next document, partner view."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, trade_doc
from ui_helpers import make_window

from jxc_desktop.models.documents import Document


def test_sales_tab_approves_generates_and_shows_the_partner(qtbot, company, tmp_path, monkeypatch):
    from jxc_desktop.ui import messages

    shown = []
    monkeypatch.setattr(messages, "info", lambda parent, text: shown.append(text))
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 100, "5")])
    c = customer("C1")
    order = trade_doc("XSDD", day(2), c, [("A", 10, "10")], approve=False)
    window = make_window(qtbot, company, tmp_path)
    try:
        window.select_tab("sales")
        page = window.pages["sales"]
        docs = page.docs
        assert docs.table.rowCount() == 1 and docs.table.item(0, 4).text() == "113.00"
        docs.table.selectRow(0)
        docs.buttons["approve"].click()
        assert Document.get_by_id(order.id).status == "approved"
        assert docs.table.item(0, 5).text() == "未执行"
        docs.table.selectRow(0)
        docs.buttons["next"].click()
        assert any("XSCK" in t for t in shown)
        delivery = Document.get(Document.doc_type == "XSCK")
        docs.type_box.setCurrentIndex(1)
        assert docs.table.rowCount() == 1
        docs.table.selectRow(0)
        docs.buttons["approve"].click()
        assert Document.get_by_id(delivery.id).status == "approved"
        page.partners.refresh()
        assert "113.00" in page.partners.summary.text()
        assert page.partners.table.rowCount() == 2
        assert page.partners.table.item(1, 5).text() == "113.00"
        assert window.pages["purchase"].docs.type_box.currentData() == "CGDD"
    finally:
        window.close()
    assert Decimal("113.00")
