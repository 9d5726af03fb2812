"""Found by QA on 首页: the 往来提醒 counts could not be clicked while the 库存预警 counts
could, and their labels ended in ":" in Chinese text."""

from __future__ import annotations

from inventory_helpers import day, doc, make_item, make_warehouse
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from trade_helpers import customer, supplier, trade_doc
from ui_helpers import make_window

from jxc_desktop.engine.reports.trade_orders import dashboard_counts, dashboard_documents


def _business():
    make_warehouse("W1")
    make_item("A")
    doc("QTRK", day(1), [("A", 100, "5")])
    delivery, _ = trade_doc("XSCK", day(2), customer("C1"), [("A", 10, "10")], warehouse="W1")
    receipt, _ = trade_doc("CGRK", day(3), supplier("S1"), [("A", 5, "4")], warehouse="W1")
    return delivery, receipt


def test_the_documents_behind_each_count(company):
    delivery, receipt = _business()
    found = dashboard_documents()
    assert found["uninvoiced"] == [delivery.id]
    assert found["overdue"] == [delivery.id]  # due 30 days after 2026-01-02
    assert found["payments_due"] == [receipt.id]
    assert dashboard_counts() == {key: len(ids) for key, ids in found.items()}


def test_a_count_opens_its_documents(qtbot, company, tmp_path):
    delivery, receipt = _business()
    window = make_window(qtbot, company, tmp_path)
    try:
        window.select_tab("home")
        board = window.pages["home"].trade
        qtbot.waitUntil(lambda: board.values["overdue"].text() == "1", timeout=20_000)
        captions = [w.text() for w in board.findChildren(QLabel)]
        assert "逾期应收：" in captions and not any(t.endswith(":") for t in captions)
        qtbot.mouseClick(board.values["overdue"], Qt.MouseButton.LeftButton)
        docs = window.pages["sales"].docs
        qtbot.waitUntil(lambda: docs.followup == [delivery.id], timeout=20_000)
        assert window.current_key() == "sales" and docs.isVisible()
        assert docs.ids == [delivery.id] and docs.followup_bar.isVisible()
        assert (
            "逾期应收" in docs.followup_label.text() and "共 1 张单据" in docs.followup_label.text()
        )
        assert not docs.type_box.isVisible()  # of several types: no one type to show
        docs.clear_followup()
        assert docs.followup is None and not docs.followup_bar.isVisible()
        assert docs.type_box.isVisible()
        window.select_tab("home")
        qtbot.mouseClick(board.values["payments_due"], Qt.MouseButton.LeftButton)
        purchases = window.pages["purchase"].docs
        qtbot.waitUntil(lambda: purchases.ids == [receipt.id], timeout=20_000)
        assert window.current_key() == "purchase"
    finally:
        window.close()
