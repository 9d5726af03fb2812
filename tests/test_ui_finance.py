"""The 财务 tab on a real company: enter a voucher with a live balance, review, post,
show the trial balance, close and re-open the month."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from jxc_desktop.models.finance import Voucher
from jxc_desktop.ui.finance import FinancePage
from jxc_desktop.ui.finance.voucher_dialog import VoucherDialog
from jxc_desktop.ui.ops import Ops
from tests.inventory_helpers import day


def fill(dialog: VoucherDialog, qtbot) -> None:
    cells = dialog.lines.cell
    qtbot.keyClicks(cells(0, 0), "5602")
    qtbot.keyClicks(cells(0, 2), "120.50")
    qtbot.keyClicks(cells(1, 0), "kcxj")
    qtbot.keyClicks(cells(1, 3), "120")
    assert "0.50" in dialog.balance.text()  # live difference while unbalanced
    cells(1, 3).clear()
    qtbot.keyClicks(cells(1, 3), "120.50")
    assert "差额" not in dialog.balance.text()


def test_voucher_entry_review_post_and_books(qtbot, company):
    ops = Ops()
    dialog = VoucherDialog(ops, day(10))
    qtbot.addWidget(dialog)
    fill(dialog, qtbot)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    v = Voucher.get()
    assert v.status == "draft" and v.lines.count() == 2

    page = FinancePage(ops)
    qtbot.addWidget(page)
    view = page.vouchers
    view.period.setText("2026-01")
    view.refresh()
    assert view.model.rowCount() == 1
    assert view.model.row_values(0)[0] == "记-0001"
    view.table.selectRow(0)
    view.buttons["review"].click()
    view.buttons["post"].click()
    assert Voucher.get().status == "posted"

    books = page.books
    books.period.setText("2026-01")
    books.refresh()
    names = [books.table.item(r, 0).text() for r in range(books.table.rowCount())]
    assert "5602" in names and "1001" in names

    page.closing.period.setText("2026-01")
    page.closing.fx_button.click()  # no foreign balances: nothing to adjust, said so
    assert "期末调汇" in page.closing.output.toPlainText()
    page.closing.close_button.click()
    assert "2026-01" in page.closing.output.toPlainText()
    page.closing.close_button.click()  # again: refused, with the reason shown
    assert "已结账" in page.closing.output.toPlainText()
    page.closing.reopen_button.click()
    assert Voucher.select().where(Voucher.kind == "close").count() == 0
    ops.shutdown()


def test_main_window_has_the_finance_tab(qtbot, company, tmp_path):
    from tests.ui_helpers import make_window

    window = make_window(qtbot, company, tmp_path)
    window.select_tab("finance")
    assert isinstance(window.pages["finance"], FinancePage)


def test_reconciliation_page_lists_the_differing_voucher(qtbot, company):
    import datetime as dt

    from PySide6.QtCore import QDate

    from tests.test_finance_reconcile import business, manual

    business()
    v = manual("1405", "12.34")
    ops = Ops()
    page = FinancePage(ops)
    qtbot.addWidget(page)
    view = page.reconcile
    view.as_of.setDate(QDate(dt.date(2026, 1, 31)))
    view.only_differences.setChecked(True)
    view.refresh()
    cells = [view.table.item(r, 3).text() for r in range(view.table.rowCount())]
    assert f"2026-01 {v.display_number}" in cells
    assert "1" in view.status.text()
    ops.shutdown()
