"""The 销售 / 采购 form scans through the scanning engine: bottles, boxes, `5*` codes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, supplier

from jxc_desktop.models.documents import Document, DocumentLine

BOTTLE, BOX = "6901234567892", "16901234567899"


@pytest.fixture
def water(company, monkeypatch):
    from jxc_desktop.models.masterdata import ItemBarcode, ItemUnit, Unit
    from jxc_desktop.ui import messages

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    make_warehouse("W1")
    item = make_item("A", sale_price=Decimal("2.5"), purchase_price=Decimal("1.2"))
    box = Unit.get(Unit.name == "箱")
    ItemUnit.create(item=item, unit=box, factor=24)
    ItemBarcode.create(item=item, barcode=BOTTLE)
    ItemBarcode.create(item=item, barcode=BOX, unit=box)
    doc("QCKC", day(1), [("A", 1000, "1")])
    return customer("C1"), supplier("S1")


def _form(qtbot, side, prefix):
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    docs = TradeDocList(Ops(), side)
    qtbot.addWidget(docs)
    docs.type_box.setCurrentIndex(docs.type_box.findData(prefix))
    form = docs.new_document()
    form.partner.setCurrentIndex(0)  # the clerk chooses the partner first
    return form


def _scan(qtbot, form, text):
    from PySide6.QtCore import Qt

    qtbot.keyClicks(form.scan, text)
    qtbot.keyClick(form.scan, Qt.Key.Key_Enter)


def _rows(form):
    t = form.table
    return [(t.text(r, 0), t.text(r, 2), t.text(r, 3)) for r in range(t.rowCount())]


def test_bottle_box_and_quantity_prefix_scans(qtbot, water):
    form = _form(qtbot, "sales", "XSCK")
    for text in (BOTTLE, BOX, "5*" + BOTTLE):
        _scan(qtbot, form, text)
    assert not form.scan_field.is_error()
    assert form.message.text().endswith("本行共 6 个")  # the line's total names its unit
    assert _rows(form) == [("A", "个", "6"), ("A", "箱", "1")]
    # a box is priced at 24 bottles: 2.50 × 24 = 60.00
    assert form.table.text(1, 4) == "60.00" and form.table.text(0, 4) == "2.50"
    assert form.table.text(0, 5) == "13%"
    assert form.table.text(1, 8) == "67.80"  # 60.00 + 7.80 tax
    assert "价税合计 84.75" in form.totals.text()  # 15.00 + 1.95 + 67.80
    assert form.save_and_approve()
    saved = Document.get(Document.doc_type == "XSCK")
    lines = list(DocumentLine.select().where(DocumentLine.document == saved))
    assert [(line.qty, line.base_qty) for line in lines] == [(6, 6), (1, 24)]
    assert saved.total_amount + saved.total_tax == Decimal("84.75")


def test_unknown_code_and_bad_check_digit_are_red_and_add_nothing(qtbot, water):
    form = _form(qtbot, "purchase", "CGRK")
    _scan(qtbot, form, "NOPE")
    assert form.scan_field.is_error() and "NOPE" in form.message.text()
    _scan(qtbot, form, "6901234567893")  # the check digit should be 2
    assert form.scan_field.is_error() and "校验位" in form.message.text()
    _scan(qtbot, form, "0*" + BOTTLE)
    assert form.scan_field.is_error()
    assert form.table.rowCount() == 0 and form.scan_field.errors == 3
    _scan(qtbot, form, "2*" + BOX)
    assert _rows(form) == [("A", "箱", "2")] and form.table.text(0, 4) == "28.80"


def test_edits_recompute_amounts_and_save_the_header(qtbot, water):
    form = _form(qtbot, "sales", "XSDD")
    _scan(qtbot, form, "3*A")
    form.table.item(0, 4).setText("8.1")
    form.table.item(0, 5).setText("9%")
    assert form.table.text(0, 6) == "24.30" and form.table.text(0, 7) == "2.19"
    assert form.table.text(0, 4) == "8.10" and form.table.text(0, 5) == "9%"
    form.table.item(0, 5).setText("9")
    assert form.table.text(0, 5) == "9%"
    assert "价税合计 26.49" in form.totals.text()
    form.warehouse.setCurrentIndex(form.warehouse.findData("W1"))
    form.remarks.setText("加急")
    assert form.save()
    order = Document.get(Document.doc_type == "XSDD")
    assert order.warehouse.code == "W1" and order.remarks == "加急"
    line = DocumentLine.get(DocumentLine.document == order)
    assert (line.price, line.tax_rate, line.tax) == (Decimal("8.1"), 9, Decimal("2.19"))


def test_a_box_scan_checks_24_bottles_of_a_generated_delivery(qtbot, water):
    from trade_helpers import trade_doc

    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    c, _ = water
    order, _ = trade_doc("XSDD", day(2), c, [("A", 30, "2.5")])
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    docs.table.selectRow(0)
    form = docs.next_document()
    assert form.checking and form.number.text().startswith("XSCK")
    _scan(qtbot, form, BOX)
    assert form.table.text(0, 9) == "24" and "24/30" in form.message.text()
    _scan(qtbot, form, "6*" + BOTTLE)
    assert form.all_checked() and not form.scan_field.is_error()
    _scan(qtbot, form, BOTTLE)
    assert form.scan_field.is_error() and "31/30" in form.message.text()


def test_a_partly_scanned_delivery_asks_before_it_is_approved(qtbot, water):
    from PySide6.QtGui import QColor
    from trade_helpers import trade_doc

    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    c, _ = water
    trade_doc("XSDD", day(2), c, [("A", 30, "2.5")])
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    docs.table.selectRow(0)
    form = docs.next_document()
    _scan(qtbot, form, BOX)  # 24 of 30
    assert form.table.item(0, 9).background().color() == QColor("#fbe3b5")  # amber: short
    assert not form.save_and_approve()  # asks; nothing approved yet
    assert "第 1 行 A 已扫 24 / 30" in form.question.text()
    assert Document.get(Document.doc_type == "XSCK").status == "draft"
    form.question.reject()
    _scan(qtbot, form, "6*" + BOTTLE)
    assert form.table.item(0, 9).background().color() == QColor("#d7f0d2")  # green: all
    assert form.save_and_approve()  # every line checked: no question
    assert Document.get(Document.doc_type == "XSCK").status == "approved"


def test_scan_shortfalls_name_the_lines_and_stay_quiet_when_nothing_was_scanned(water):
    from jxc_desktop.engine.scanning import scan_shortfalls

    d = Decimal
    assert scan_shortfalls([(1, "A", d(2), d(0)), (2, "B", d(3), d(0))]) == []
    assert scan_shortfalls([(1, "A", d(2), d(1)), (2, "B", d(3), d(3)), (3, "C", d(1), d(2))]) == [
        "第 1 行 A 已扫 1 / 2",
        "第 3 行 C 已扫 2 / 1",
    ]


def test_an_approved_document_opens_read_only(qtbot, water):
    from trade_helpers import trade_doc

    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.trade_form import TradeForm

    c, _ = water
    order, _ = trade_doc("XSDD", day(2), c, [("A", 30, "2.5")])
    form = TradeForm(Ops(), "XSDD", doc_id=order.id)
    qtbot.addWidget(form)
    assert form.number.text() == order.number and form.status.text() == "已审核"
    assert not form.scan_field.isEnabled()
    from PySide6.QtWidgets import QPushButton

    assert not form.findChild(QPushButton, "tradeForm_save").isEnabled()
    assert not form.save()  # Ctrl+S on an approved document does nothing
    assert form.table.text(0, 8) == "84.75"  # 30 × 2.50 = 75.00 + 9.75 tax


def test_totals_add_quantities_only_in_one_unit(qtbot, water):
    form = _form(qtbot, "sales", "XSCK")
    _scan(qtbot, form, "2*" + BOTTLE)
    assert "数量 2个" in form.totals.text() and "共 1 行" in form.totals.text()
    _scan(qtbot, form, BOX)
    assert "数量" not in form.totals.text() and "共 2 行" in form.totals.text()
    form.table.selectRow(1)
    form.remove_line()
    assert "数量 2个" in form.totals.text() and "价税合计 5.65" in form.totals.text()


def test_a_new_document_names_no_partner_until_one_is_chosen(qtbot, water, monkeypatch):
    from PySide6.QtCore import Qt

    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    shown = []
    monkeypatch.setattr(messages, "problems", lambda parent, items: shown.extend(map(str, items)))
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    docs.type_box.setCurrentIndex(docs.type_box.findData("XSDD"))
    form = docs.new_document()
    assert form.partner.currentIndex() == -1 and form.partner.currentData() is None
    assert form.partner.placeholderText() == "请选择往来单位"
    _scan(qtbot, form, BOTTLE)
    assert not form.save()
    assert any("请选择往来单位" in text for text in shown)
    assert not Document.select().where(Document.doc_type == "XSDD").exists()
    form.partner.setCurrentIndex(form.partner.findText("C1", flags=Qt.MatchFlag.MatchStartsWith))
    assert form.save() and form.saved.partner.code == "C1"
