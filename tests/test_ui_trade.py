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
        delivery = Document.get(Document.doc_type == "XSCK")
        assert delivery.number in docs.form.windowTitle()
        docs.form.close()
        docs.type_box.setCurrentIndex(1)
        assert docs.table.rowCount() == 1
        docs.table.selectRow(0)
        docs.buttons["approve"].click()
        assert Document.get_by_id(delivery.id).status == "approved"
        page.partners.refresh()
        assert "113.00" in page.partners.summary.text()
        assert page.partners.table.rowCount() == 2
        assert page.partners.table.item(1, 5).text() == "113.00"
        orders = page.partners.orders
        assert orders.rowCount() == 1 and orders.item(0, 3).text() == "10"
        assert orders.item(0, 5).text() == "已完成"
        assert window.pages["purchase"].docs.type_box.currentData() == "CGDD"
    finally:
        window.close()
    assert Decimal("113.00")


def test_scanner_form_adds_lines_with_suggested_prices(qtbot, company, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from jxc_desktop.models.documents import DocumentLine
    from jxc_desktop.models.masterdata import Item, ItemBarcode
    from jxc_desktop.models.trade import PriceList
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    make_warehouse("W1")
    item = make_item("A", sale_price=Decimal("12"))
    ItemBarcode.create(item=item, barcode="6901234567892")
    doc("QCKC", day(1), [("A", 100, "5")])
    customer("C1", grade="VIP")
    PriceList.create(grade="VIP", item=Item.get(Item.code == "A"), price=Decimal("11"))
    ops = Ops()
    docs = TradeDocList(ops, "sales")
    qtbot.addWidget(docs)
    docs.type_box.setCurrentIndex(1)  # 销售出库
    form = docs.new_document()
    form.partner.setCurrentIndex(0)  # the clerk chooses the partner first
    for code in ("6901234567892", "A"):
        qtbot.keyClicks(form.scan, code)
        qtbot.keyClick(form.scan, Qt.Key.Key_Enter)
    assert form.table.rowCount() == 1 and form.table.item(0, 3).text() == "2"
    assert form.table.item(0, 4).text() == "11.00"
    qtbot.keyClicks(form.scan, "NOPE")
    qtbot.keyClick(form.scan, Qt.Key.Key_Enter)
    assert "NOPE" in form.message.text()
    assert form.save_and_approve()
    saved = Document.get(Document.doc_type == "XSCK")
    line = DocumentLine.get(DocumentLine.document == saved)
    assert saved.status == "approved" and line.total == Decimal("24.86")
    assert docs.table.rowCount() == 1
