"""Order → delivery by scanning → invoice → receipt of money, all through the widgets."""

from __future__ import annotations

from decimal import Decimal

from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, trade_doc

from jxc_desktop.engine.money import yuan
from jxc_desktop.engine.trade import execution, openitems
from jxc_desktop.models.documents import Document, DocumentLine


def _scan(qtbot, field, *codes):
    from PySide6.QtCore import Qt

    for code in codes:
        qtbot.keyClicks(field, code)
        qtbot.keyClick(field, Qt.Key.Key_Enter)


def _select(docs, prefix, number=None):
    docs.type_box.setCurrentIndex(docs.type_box.findData(prefix))
    row = docs.ids.index(Document.get(Document.number == number).id) if number else 0
    docs.table.selectRow(row)


def _stock(company_date):
    make_warehouse("W1")
    from jxc_desktop.models.masterdata import ItemBarcode

    a = make_item("A", sale_price=Decimal("10"))
    make_item("B", sale_price=Decimal("20"))
    ItemBarcode.create(item=a, barcode="6901234567892")
    doc("QCKC", company_date, [("A", 100, "5"), ("B", 100, "8")])


def test_order_to_cash_through_the_widgets(qtbot, company, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    shown = []
    monkeypatch.setattr(messages, "info", lambda parent, text: shown.append(text))
    monkeypatch.setattr(messages, "problems", lambda parent, items: shown.extend(map(str, items)))
    monkeypatch.setattr(messages, "error", lambda parent, text, details="": shown.append(text))
    _stock(day(1))
    c = customer("C1")
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)

    # 销售订单: 3 A + 2 B typed into the scanner field
    _select(docs, "XSDD")
    form = docs.new_document()
    form.partner.setCurrentIndex(0)  # the clerk chooses the partner first
    _scan(qtbot, form.scan, "A", "A", "6901234567892", "B", "B")
    assert [form.table.item(r, 3).text() for r in range(2)] == ["3", "2"]
    assert form.save_and_approve(), shown
    order = Document.get(Document.doc_type == "XSDD")
    assert order.status == "approved" and order.partner_id == c.id

    # 生成下游单据 → the delivery draft opens in the form and is checked by scanning
    _select(docs, "XSDD", order.number)
    form = docs.next_document()
    delivery = Document.get(Document.doc_type == "XSCK")
    assert delivery.number in form.windowTitle() and form.checking
    _scan(qtbot, form.scan, "6901234567892", "A", "A", "B")
    assert "1/2" in form.message.text()
    assert [form.table.item(r, 9).text() for r in range(2)] == ["3", "1"]
    assert not form.all_checked()
    form.use_scanned()  # one B is not there: deliver what was scanned
    assert form.all_checked()
    assert form.save_and_approve(), shown
    delivery = Document.get_by_id(delivery.id)
    assert delivery.status == "approved"
    assert [x.qty for x in DocumentLine.select().where(DocumentLine.document == delivery)] == [
        Decimal(3),
        Decimal(1),
    ]

    # 生成下游单据 → the invoice draft opens, is approved as generated
    _select(docs, "XSCK", delivery.number)
    form = docs.next_document()
    from PySide6.QtWidgets import QPushButton

    assert not form.checking  # an invoice is not picked again: no 已扫描, no 按扫描数量
    assert form.table.isColumnHidden(9)
    assert form.findChild(QPushButton, "tradeForm_use_scanned").isHidden()
    assert form.save_and_approve(), shown
    invoice = Document.get(Document.doc_type == "XSFP")
    assert invoice.status == "approved"

    # 生成下游单据 → the 收款单 form with the delivery's open amount chosen
    _select(docs, "XSFP", invoice.number)
    form = docs.next_document()
    assert form.table.rowCount() == 1 and form.table.item(0, 0).text() == delivery.number
    assert form.amount.text() == "56.50"  # (3 × 10 + 20) × 1.13
    form.amount.clear()
    _scan(qtbot, form.amount, "80")  # typed, Enter: fills oldest first
    assert form.table.item(0, 5).text() == "56.50"
    assert "23.50" in form.advance.text()
    assert form.save_and_approve(), shown
    receipt = Document.get(Document.doc_type == "SKD")
    assert receipt.status == "approved"

    # the open items: the delivery settled, 23.50 kept as an advance
    items = openitems.open_items(c.id, "receivable")
    assert sorted(yuan(o.open) for o in items if o.open) == [Decimal("-23.50")]
    assert any("23.50" in t for t in shown)
    # the order: A done, B 1 of 2 delivered, invoiced, collected
    states = execution.line_states(order)
    assert [(s.delivered, s.invoiced, s.open) for s in states] == [
        (Decimal(3), Decimal(3), Decimal(0)),
        (Decimal(1), Decimal(1), Decimal(1)),
    ]
    assert execution.order_status(order) == "partial"


def test_a_draft_is_edited_and_keeps_its_number(qtbot, company, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    _stock(day(1))
    customer("C1")
    customer("C2")
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    _select(docs, "XSDD")
    form = docs.new_document()
    form.partner.setCurrentIndex(0)  # the clerk chooses the partner first
    _scan(qtbot, form.scan, "A", "B")
    assert form.save()
    number = form.saved.number
    _select(docs, "XSDD", number)
    form = docs.edit_document()
    assert number in form.windowTitle() and form.table.rowCount() == 2
    form.partner.setCurrentIndex(1)
    form.table.item(0, 3).setText("5")
    form.table.item(0, 4).setText("9.5")
    form.table.selectRow(1)
    form.remove_line()
    _scan(qtbot, form.scan, "B")
    assert form.save()
    saved = Document.get(Document.number == number)
    lines = list(DocumentLine.select().where(DocumentLine.document == saved))
    assert saved.partner.code == "C2" and Document.select().count() == 2  # QCKC + this
    assert [(x.item.code, x.qty, x.price) for x in lines] == [
        ("A", Decimal(5), Decimal("9.5")),
        ("B", Decimal(1), Decimal(20)),
    ]
    # a partner deactivated since still shows on its draft (never silently another one)
    from jxc_desktop.models.masterdata import Partner

    Partner.update(active=False).where(Partner.code == "C2").execute()
    _select(docs, "XSDD", number)
    form = docs.edit_document()
    assert form.partner.currentText().startswith("C2")
    # an approved document is not opened for editing
    _select(docs, "XSDD", number)
    docs.approve()
    assert docs.edit_document() is None


def test_a_receipt_draft_reopens_with_its_allocations(qtbot, company, monkeypatch):
    from jxc_desktop.engine import documents
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    _stock(day(1))
    c = customer("C1")
    d1, _ = trade_doc("XSCK", day(2), c, [("A", 10, "10")], warehouse="W1")
    d2, _ = trade_doc("XSCK", day(3), c, [("B", 1, "100")], warehouse="W1")
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    _select(docs, "SKD")
    form = docs.new_document()
    form.partner.setCurrentIndex(0)  # the clerk chooses the partner first
    assert [form.table.item(r, 0).text() for r in range(2)] == [d1.number, d2.number]
    _scan(qtbot, form.amount, "150")
    assert [form.table.item(r, 5).text() for r in range(2)] == ["113.00", "37.00"]
    form.table.item(0, 5).setText("")  # by hand: only the second delivery
    form.table.item(1, 5).setText("100")
    assert "50.00" in form.advance.text()
    assert form.save()
    _select(docs, "SKD")
    form = docs.edit_document()
    assert form.amount.text() == "150.00"
    assert [form.table.item(r, 5).text() for r in range(2)] == ["", "100.00"]
    assert form.save_and_approve()
    left = {o.document_id: yuan(o.open) for o in openitems.open_items(c.id, "receivable")}
    assert left[d1.id] == Decimal("113.00") and left[d2.id] == Decimal("13.00")
    assert sum(left.values()) == Decimal("76.00")  # 126 − 50 advance
    assert documents.find_document(form.saved.number).status == "approved"


def test_a_generated_receipt_draft_shows_what_it_settles(qtbot, company, monkeypatch):
    from jxc_desktop.engine.trade import generate
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.money_form import MoneyForm

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    _stock(day(1))
    c = customer("C1")
    trade_doc("XSCK", day(2), c, [("A", 1, "10")], warehouse="W1")
    d2, _ = trade_doc("XSCK", day(3), c, [("A", 10, "10")], warehouse="W1")
    invoice, _ = trade_doc("XSFP", day(4), c, [("A", 10, "10", _first(d2))])
    draft = generate.invoice_to_money(invoice.id, day(5), save=True)  # names the invoice
    form = MoneyForm(Ops(), "SKD", doc_id=draft.id)
    qtbot.addWidget(form)
    assert draft.number in form.windowTitle()
    assert [form.table.item(r, 5).text() for r in range(2)] == ["", "113.00"]
    assert form.amount.text() == "113.00"
    assert form.advance.text() == "未结清合计：124.30"  # 11.30 + 113.00; nothing left over
    form.amount.setText("100")  # less than the rows settle: said so, never a minus advance
    assert "核销合计超出金额 13.00" in form.advance.text() and "-" not in form.advance.text()


def test_the_home_page_counts_collections(qtbot, company, tmp_path):
    from ui_helpers import make_window

    _stock(day(1))
    c = customer("C1", terms=0)
    trade_doc("XSCK", day(2), c, [("A", 1, "10")], warehouse="W1")
    window = make_window(qtbot, company, tmp_path)
    try:
        home = window.pages["home"]
        qtbot.waitUntil(lambda: home.trade.values["overdue"].text() == "1", timeout=5000)
        assert home.trade.values["uninvoiced"].text() == "1"
    finally:
        window.close()


def _first(d):
    return DocumentLine.get((DocumentLine.document == d) & (DocumentLine.line_no == 1))


def test_a_usd_receipt_in_the_form_books_the_exchange_difference(qtbot, company, monkeypatch):
    from jxc_desktop.engine.masterdata.simple import save_exchange_rate
    from jxc_desktop.models.trade import ExchangeDifference
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    shown = []
    monkeypatch.setattr(messages, "info", lambda parent, text: shown.append(text))
    _stock(day(1))
    c = customer("C1")
    save_exchange_rate("USD", day(1), "7.2")
    d, _ = trade_doc(
        "XSCK", day(2), c, [("A", 10, "10")], warehouse="W1", currency="USD", exchange_rate="7"
    )
    inv, _ = trade_doc(
        "XSFP", day(3), c, [("A", 10, "10", _first(d))], currency="USD", exchange_rate="7"
    )
    docs = TradeDocList(Ops(), "sales")
    qtbot.addWidget(docs)
    _select(docs, "XSFP", inv.number)
    form = docs.next_document()
    assert form.currency.currentText() == "USD" and form.rate.text() == "7.2"
    assert form.table.item(0, 4).text() == "113.00" and form.amount.text() == "113.00"
    form.date.setDate(form.date.date().fromString("2026-01-20", "yyyy-MM-dd"))
    assert form.save_and_approve()
    (x,) = ExchangeDifference.select()
    assert x.amount == Decimal("22.60")  # $113 × (7.20 − 7.00)
    assert openitems.balance(c.id, "receivable") == 0
    assert any("汇兑收益 22.60" in t for t in shown)


def test_nothing_chosen_in_the_form_is_an_advance(qtbot, company, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.money_form import MoneyForm

    shown = []
    monkeypatch.setattr(messages, "info", lambda parent, text: shown.append(text))
    _stock(day(1))
    c = customer("C1")
    d, _ = trade_doc("XSCK", day(2), c, [("A", 10, "10")], warehouse="W1")
    form = MoneyForm(Ops(), "SKD")
    qtbot.addWidget(form)
    form.partner.setCurrentIndex(0)  # the clerk chooses the customer
    assert form.table.rowCount() == 1  # the delivery is open, but not chosen
    qtbot.keyClicks(form.amount, "500")  # typed, no Enter: nothing filled
    assert "500.00" in form.advance.text()
    assert form.save_and_approve()
    left = {o.document_id: yuan(o.open) for o in openitems.open_items(c.id, "receivable")}
    assert left[d.id] == Decimal("113.00")  # untouched
    assert left[form.saved.id] == Decimal("-500.00")  # 预收款
    assert any("预收" in t for t in shown)
