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
