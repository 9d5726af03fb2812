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
    page.closing.close_button.click()  # asked first: closing locks the month
    from jxc_desktop.ui import messages

    question = messages.shown[-1]
    assert "确定结账 2026-01" in question.text() and "尚未结束" not in question.text()
    question.accept()
    assert "2026-01" in page.closing.output.toPlainText()
    assert page.closing.period.text() == "2026-02"  # the month now open, next to close
    page.closing.period.setText("2026-01")
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


def test_voucher_dialog_buttons_and_status_follow_the_language(qtbot, company):
    from PySide6.QtWidgets import QDialogButtonBox

    from jxc_desktop.engine.finance import manual
    from jxc_desktop.engine.i18n import set_language

    ops = Ops()
    for language, save, cancel, status in (
        ("zh_CN", "保存", "取消", "已记账"),
        ("en", "Save", "Cancel", "Posted"),
    ):
        set_language(language)
        dialog = VoucherDialog(ops, day(10))
        qtbot.addWidget(dialog)
        box = dialog.findChild(QDialogButtonBox)
        assert box.button(QDialogButtonBox.StandardButton.Save).text() == save
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == cancel
        if language == "zh_CN":
            fill(dialog, qtbot)
            dialog.save()
            v = Voucher.get()
            manual.review(v.id)
            manual.post(v.id)
        page = FinancePage(ops)
        qtbot.addWidget(page)
        page.vouchers.period.setText("2026-01")
        page.vouchers.refresh()
        assert page.vouchers.model.row_values(0)[4] == status
    set_language("zh_CN")
    ops.shutdown()


def _books(qtbot, name: str):
    from jxc_desktop.engine.finance import manual
    from tests.test_finance_reconcile import business

    business()
    v = manual.create_voucher(
        manual.VoucherInput(
            day(9),
            "房租",
            [
                manual.VoucherLineInput("5602", debit="12345.60"),
                manual.VoucherLineInput("1001", credit="12345.60"),
            ],
        )
    )
    ops = Ops()
    page = FinancePage(ops)
    qtbot.addWidget(page)
    books = page.books
    books.choice.setCurrentIndex(books.choice.findData(name))
    books.period.setText("2026-01")
    books.refresh()
    return page, books.table, v


def test_trial_balance_amounts_are_formatted_right_aligned_and_total_has_no_level(qtbot, company):
    from PySide6.QtCore import Qt

    page, table, _v = _books(qtbot, "trial-balance")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    debit, level = headers.index("本期借方"), headers.index("级次")
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    cell = table.item(rows["5602"], debit)
    assert cell.text() == "12,345.60"
    assert cell.textAlignment() & Qt.AlignmentFlag.AlignRight
    total = table.rowCount() - 1
    assert table.item(total, 1).text() == "合计"
    assert table.item(total, level).text() == ""
    assert table.item(rows["5602"], level).text() == "1"
    page.vouchers.ops.shutdown()


def test_statement_item_names_are_not_cut(qtbot, company):
    page, table, _v = _books(qtbot, "cash-flow")
    metrics = table.fontMetrics()
    names = [table.item(r, 1).text() for r in range(table.rowCount())]
    longest = max(names, key=metrics.horizontalAdvance)
    assert "、" in longest  # e.g. 销售产成品、商品、提供劳务收到的现金
    assert table.columnWidth(1) >= metrics.horizontalAdvance(longest)
    page.vouchers.ops.shutdown()


def test_voucher_list_shows_whole_document_numbers_and_drills_down(qtbot, company):
    from jxc_desktop.ui.finance.drill import VoucherDetailDialog
    from jxc_desktop.ui.trade.trade_form import TradeForm

    page, _table, manual_v = _books(qtbot, "trial-balance")
    view = page.vouchers
    view.period.setText("2026-01")
    view.refresh()
    assert view.model.cache == {}  # sizing the columns fetched no page of the list
    metrics = view.table.fontMetrics()
    assert view.table.columnWidth(5) > metrics.horizontalAdvance("QCKC20260801-0001")
    numbers = [view.model.row_values(r)[0] for r in range(view.model.rowCount())]
    row = numbers.index(manual_v.display_number)
    detail = view.open_row(row, 0)
    assert isinstance(detail, VoucherDetailDialog)
    cells = [detail.table.item(r, 4).text() for r in range(detail.table.rowCount())]
    assert any(c.startswith("5602") for c in cells) and any(c.startswith("1001") for c in cells)
    assert detail.table.item(0, 5).text() == "12,345.60"
    last = detail.table.rowCount() - 1  # a 合计 row: debit = credit at a glance
    assert detail.table.item(last, 3).text() == "合计"
    assert detail.table.item(last, 5).text() == detail.table.item(last, 6).text() == "12,345.60"
    detail.close()
    xsck = next(
        r for r in range(view.model.rowCount()) if view.model.row_values(r)[5].startswith("XSCK")
    )
    form = view.open_row(xsck, 5)  # the 来源单据 cell opens the document's own form
    assert isinstance(form, TradeForm)
    form.close()
    page.vouchers.ops.shutdown()


def test_reconciliation_double_click_opens_the_voucher_or_document(qtbot, company):
    import datetime as dt

    from PySide6.QtCore import QDate

    from jxc_desktop.models.documents import Document
    from jxc_desktop.ui.finance.drill import VoucherDetailDialog, open_source
    from jxc_desktop.ui.inventory.doc_form import DocumentForm
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
    row = cells.index(f"2026-01 {v.display_number}")
    assert view.open_row(cells.index("合计")) is None  # a total row has nothing to open
    dialog = view.open_row(row)
    assert isinstance(dialog, VoucherDetailDialog)
    assert "手工凭证" in dialog.source.text()
    dialog.close()
    qckc = Document.get(Document.doc_type == "QCKC")
    form = open_source(ops, ("d", qckc.id), page)  # what a document row opens
    assert isinstance(form, DocumentForm)
    form.close()
    ops.shutdown()


def test_foreign_currency_accounts_are_flagged_and_unflagged(qtbot, company):
    from jxc_desktop.engine.finance import fx

    ops = Ops()
    page = FinancePage(ops)
    qtbot.addWidget(page)
    box = page.closing.fx_accounts
    assert box.table.rowCount() == 0
    box.account.setText("1002 银行存款 yhck")  # what picking from the completer fills in
    box.currency.setCurrentText("usd")
    assert box.flag()
    assert fx.flagged_accounts() == [("1002", "银行存款", "USD")]
    assert [box.table.item(0, c).text() for c in range(3)] == ["1002", "银行存款", "USD"]
    box.table.selectRow(0)
    assert box.unflag()
    assert fx.flagged_accounts() == [] and box.table.rowCount() == 0
    ops.shutdown()


def test_voucher_book_shows_status_words_not_codes(qtbot, company):
    page, table, _v = _books(qtbot, "vouchers")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    status = headers.index("状态")
    assert {table.item(r, status).text() for r in range(table.rowCount())} <= {
        "未审核",
        "已审核",
        "已记账",
    }
    page.vouchers.ops.shutdown()


def test_month_end_close_starts_on_the_month_to_close_next(qtbot, company):
    from jxc_desktop.ui.finance.page import CloseView
    from jxc_desktop.ui.ops import Ops
    from jxc_desktop.ui.queries import current_period

    view = CloseView(Ops())
    qtbot.addWidget(view)
    assert view.period.text() == current_period() == "2026-01"  # not today's month


def test_a_month_that_does_not_exist_is_refused_with_a_message(qtbot, company):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.finance.page import BooksView, CloseView
    from jxc_desktop.ui.ops import Ops

    books = BooksView()
    qtbot.addWidget(books)
    books.period.setText("2026-13")  # the input mask lets it through
    books.refresh()
    assert "期间 2026-13 无效" in messages.shown[-1].text()
    close = CloseView(Ops())
    qtbot.addWidget(close)
    close.period.setText("2026-00")
    close.close_button.click()
    assert "期间 2026-00 无效" in messages.shown[-1].text()
    assert "程序出错" not in messages.shown[-1].text()


def test_closing_a_month_not_yet_ended_says_so_first(qtbot, company):
    import datetime as dt

    from jxc_desktop.models.company import Period
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.finance.page import CloseView
    from jxc_desktop.ui.ops import Ops

    ops = Ops()
    close = CloseView(ops)
    qtbot.addWidget(close)
    this_month = dt.date.today().strftime("%Y-%m")
    close.period.setText(this_month)
    close.close_button.click()
    question = messages.shown[-1]
    assert f"{this_month} 尚未结束" in question.text() and "确定结账" in question.text()
    question.reject()
    assert not Period.select().where((Period.code == this_month) & Period.closed).exists()
    ops.shutdown()
