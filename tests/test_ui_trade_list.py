"""The 销售 / 采购 document list: filters, buttons that follow the selection, void,
delete, print, and columns that use the width."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse
from trade_helpers import customer, trade_doc

from jxc_desktop.models.documents import Document


@pytest.fixture
def docs(qtbot, company, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.trade.doc_list import TradeDocList

    monkeypatch.setattr(messages, "info", lambda parent, text: None)
    make_warehouse("W1")
    make_item("A")
    doc("QCKC", day(1), [("A", 100, "5")])
    c1, c2 = customer("C1"), customer("C2")
    trade_doc("XSDD", day(2), c1, [("A", 10, "10")], remarks="老客户")
    trade_doc("XSDD", day(20), c2, [("A", 3, "1234.5")], approve=False)
    trade_doc("XSCK", day(3), c1, [("A", 1, "10")], warehouse="W1")
    view = TradeDocList(Ops(), "sales")
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    return view


def _numbers(view):
    return [view.table.item(r, 0).text() for r in range(view.table.rowCount())]


def _select(view, number):
    view.table.selectRow(_numbers(view).index(number))


def test_search_and_date_filters(docs):
    assert docs.table.rowCount() == 2
    assert docs.table.item(0, 4).text() == "4,184.96"  # 3 × 1,234.50 × 1.13
    docs.search.setText("C2")
    assert docs.table.rowCount() == 1 and docs.table.item(0, 2).text() == "客户C2"
    docs.search.setText("老客户")
    assert docs.table.rowCount() == 1 and docs.table.item(0, 6).text() == "老客户"
    docs.search.clear()
    assert not docs.date_from.isEnabled() and not docs.date_to.isEnabled()  # filter off
    docs.date_from.setDate(docs.date_from.date().fromString("2026-01-10", "yyyy-MM-dd"))
    docs.date_to.setDate(docs.date_to.date().fromString("2026-01-31", "yyyy-MM-dd"))
    docs.use_dates.setChecked(True)
    assert docs.date_from.isEnabled() and docs.date_to.isEnabled()
    assert docs.table.rowCount() == 1 and docs.table.item(0, 1).text() == "2026-01-20"


def test_buttons_follow_the_selected_document(docs):
    enabled = {k for k, b in docs.buttons.items() if b.isEnabled()}
    assert enabled == {"new"}
    draft = Document.get((Document.doc_type == "XSDD") & (Document.status == "draft"))
    _select(docs, draft.number)
    enabled = {k for k, b in docs.buttons.items() if b.isEnabled()}
    assert enabled == {"new", "edit", "approve", "void", "delete", "print", "paper", "plan"}
    approved = Document.get((Document.doc_type == "XSDD") & (Document.status == "approved"))
    _select(docs, approved.number)
    enabled = {k for k, b in docs.buttons.items() if b.isEnabled()}
    assert enabled == {"new", "unapprove", "print", "paper", "next", "close", "plan"}
    docs.type_box.setCurrentIndex(docs.type_box.findData("XSCK"))
    docs.table.selectRow(0)
    assert not docs.buttons["close"].isEnabled() and not docs.buttons["plan"].isEnabled()
    assert docs.buttons["next"].isEnabled() and docs.buttons["unapprove"].isEnabled()


def test_void_delete_and_print(docs, tmp_path):
    draft = Document.get((Document.doc_type == "XSDD") & (Document.status == "draft"))
    _select(docs, draft.number)
    path = docs.print_document(str(tmp_path / "order.pdf"))
    assert path and docs.last_pdf == path
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
        assert draft.number in text
    contract = docs.print_paper("contract", str(tmp_path / "contract.pdf"))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", contract, "-"], capture_output=True, text=True).stdout
        assert "销售合同" in text.replace(" ", "") and draft.number in text
    menu = docs.buttons["paper"].menu()
    docs._fill_paper_menu(menu)
    assert [a.text() for a in menu.actions()] == ["销售合同"]
    docs.void()
    assert Document.get_by_id(draft.id).status == "void"
    other = trade_doc("XSDD", day(21), draft.partner, [("A", 1, "1")], approve=False)
    docs.refresh()
    _select(docs, other.number)
    assert docs.delete(confirm=False)
    assert Document.get_or_none(Document.id == other.id) is None
    assert other.number not in _numbers(docs)


def test_numbers_fit_and_the_partner_column_takes_the_width(docs):
    table = docs.table
    metrics = table.fontMetrics()
    assert table.columnWidth(0) > metrics.horizontalAdvance(_numbers(docs)[0])
    used = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert used >= table.viewport().width() - 5  # no empty band on the right
    assert table.columnWidth(2) > 150


def test_the_selection_survives_an_action_and_a_filter_change(docs):
    draft = Document.get((Document.doc_type == "XSDD") & (Document.status == "draft"))
    _select(docs, draft.number)
    docs.approve()
    assert docs.selected_id() == draft.id and docs.buttons["next"].isEnabled()
    docs.search.setText("no such text")
    assert docs.selected_id() is None
    assert {k for k, b in docs.buttons.items() if b.isEnabled()} == {"new"}
