"""收款单 form: open and settled amounts read like money (1,234.50, right-aligned)."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, trade_doc

from jxc_desktop.models.documents import Document


def test_receipt_form_formats_open_and_settled_amounts(qtbot, company, monkeypatch):
    from PySide6.QtCore import Qt

    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.money_form import MoneyForm

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 2000, "5")])
    c = customer("C1")
    trade_doc("XSCK", day(2), c, [("A", 1000, "10")], warehouse="W1")
    form = MoneyForm(Ops(), "SKD")
    qtbot.addWidget(form)
    form.partner.setCurrentIndex(0)  # the clerk chooses the customer
    assert form.date.calendarPopup()
    assert form.table.item(0, 4).text() == "11,300.00"
    qtbot.keyClicks(form.amount, "12000")
    qtbot.keyClick(form.amount, Qt.Key.Key_Enter)
    settle = form.table.item(0, 5)
    assert settle.text() == "11,300.00"
    assert settle.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert "700.00" in form.advance.text()
    assert form.save_and_approve()
    receipt = Document.get(Document.doc_type == "SKD")
    assert receipt.status == "approved" and receipt.total_amount == Decimal("12000")


def test_the_form_shows_number_and_status_and_starts_without_a_partner(qtbot, company):
    from jxc_desktop.engine.trade import drafts
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.money_form import MoneyForm

    c = customer("C1")
    form = MoneyForm(Ops(), "SKD")
    qtbot.addWidget(form)
    assert form.number.text() == "（保存时生成）" and form.status.text() == "草稿"
    assert form.partner.currentData() is None and form.table.rowCount() == 0
    form.partner.setCurrentIndex(form.partner.findData(c.id))
    form.amount.setText("100")
    assert form.save()
    saved = form.saved
    again = MoneyForm(Ops(), "SKD", doc_id=saved.id)
    qtbot.addWidget(again)
    assert again.number.text() == saved.number and again.status.text() == "草稿"
    assert again.partner.currentData() == c.id
    assert again.rate.text() == "1"  # not the stored 1.000000
    assert drafts.document_input(saved.id).partner.code == "C1"


def test_the_money_form_closes_with_a_button_like_the_goods_forms(qtbot, company):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.money_form import MoneyForm

    form = MoneyForm(Ops(), "SKD")
    qtbot.addWidget(form)
    form.show()
    close = form.findChild(QPushButton, "moneyForm_close")
    assert close.text() == "关闭"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not form.isVisible() and form.saved is None
