"""财务 tab: 凭证 (paged list, entry, review, post), 账簿报表, 月末结账."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.company import month_bounds, period_code
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.finance import closing, manual
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.reports.display import display_rows
from jxc_desktop.ui import messages, queries
from jxc_desktop.ui.empty_hint import EmptyHint
from jxc_desktop.ui.finance import tables as finance_tables
from jxc_desktop.ui.finance.close_confirm import close_after_confirm
from jxc_desktop.ui.finance.drill import open_source
from jxc_desktop.ui.finance.fx_view import FxAccountsBox
from jxc_desktop.ui.finance.reconcile_view import ReconcileView
from jxc_desktop.ui.finance.voucher_dialog import VoucherDialog
from jxc_desktop.ui.finance.voucher_model import VoucherListModel
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.report_view import display_columns
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage
from jxc_desktop.ui.refresh import Refresher

SOURCE = 5  # the voucher list's 来源单据 column
BOOKS = ["trial-balance", "balance-sheet", "income-statement", "cash-flow", "vouchers"]


def _period_edit(period: str = "") -> QLineEdit:
    edit = QLineEdit(period or period_code(dt.date.today()))
    edit.setInputMask("9999-99")
    edit.setMaximumWidth(90)
    return edit


class VouchersView(QWidget):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.period = _period_edit()
        self.model = VoucherListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row(), index.column()))
        _size_voucher_columns(self.table)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("期间")))
        bar.addWidget(self.period)
        self.buttons = {}
        for key, text, slot in (
            ("refresh", tr("刷新"), self.refresh),
            ("new", tr("录入凭证"), self.new_voucher),
            ("review", tr("审核"), lambda: self._act(manual.review)),
            ("post", tr("记账"), lambda: self._act(manual.post)),
            ("unreview", tr("取消审核"), lambda: self._act(manual.unreview)),
            ("print", etr("打印凭证", "Print"), lambda: self.print_vouchers()),
            ("renumber", etr("凭证整理", "Renumber"), lambda: self.renumber()),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        self.print_layout = QComboBox()
        self.print_layout.addItem(etr("A4 两张", "A4, two a page"), "a4")
        self.print_layout.addItem(etr("A5 横向", "A5 landscape"), "a5")
        bar.addWidget(self.print_layout)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.last_pdf: str | None = None
        self.refresh()

    def print_vouchers(self, path: str | None = None) -> None:
        """The selected voucher (none selected: the whole month) in the 记账凭证 form."""
        from jxc_desktop.engine.printing.voucher_pdf import render_vouchers
        from jxc_desktop.ui.inventory.doc_list_support import open_file, pdf_path

        vid = self.selected_id()
        ids = [vid] if vid is not None else list(self.model.ids)
        target = pdf_path(self, f"vouchers-{self.period.text()}.pdf", path)
        layout = self.print_layout.currentData()
        ok, result = self.ops.run(lambda: render_vouchers(ids, target, layout), parent=self)
        if ok:
            self.last_pdf = str(result)
            open_file(self.last_pdf)

    def renumber(self, confirmed: bool = False):
        """凭证整理 of the month shown, after a yes/no question (returns the question)."""
        from jxc_desktop.engine.finance.renumber import renumber
        from jxc_desktop.ui import messages

        period = self.period.text()
        if not confirmed:
            box = messages.confirm(
                self,
                etr(
                    "按日期重新编排 {p} 的凭证号（每种凭证字从 1 连续编号）？"
                    "凭证内容不变，已打印的凭证号将与新号不同。",
                    "Renumber the vouchers of {p} in date order (1, 2, 3 … per voucher "
                    "word)? Their contents stay the same; vouchers already printed will show "
                    "the old numbers.",
                    p=period,
                ),
            )
            box.accepted.connect(lambda: self.renumber(confirmed=True))
            return box
        ok, result = self.ops.run(lambda: renumber(period), parent=self, changed="vouchers")
        if ok:
            self.refresh()
            messages.info(self, "\n".join(result.messages))
        return ok

    def refresh(self) -> None:
        keep = self.selected_id()
        self.model.load(self.period.text())
        if keep in self.model.ids:  # the selection survives a refresh after review / post
            self.table.selectRow(self.model.ids.index(keep))

    def new_voucher(self) -> bool:
        start, _ = month_bounds(self.period.text())
        day = (
            max(start, dt.date.today())
            if period_code(dt.date.today()) == self.period.text()
            else start
        )
        dialog = VoucherDialog(self.ops, day, self)
        if dialog.exec():
            self.refresh()
        return True

    def open_row(self, row: int, column: int = 0):
        """Double-click: the 来源单据 cell opens the document, any other cell the voucher."""
        source = self.model.source_id(row) if column == SOURCE else None
        ref = ("d", source) if source else ("v", self.model.voucher_id(row))
        return open_source(self.ops, ref, self)

    def selected_id(self) -> int | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.voucher_id(rows[0].row()) if rows else None

    def _act(self, fn) -> None:
        vid = self.selected_id()
        if vid is None:
            return
        ok, _ = self.ops.run(lambda: fn(vid), parent=self, changed="vouchers")
        if ok:
            self.refresh()


def _size_voucher_columns(table: QTableView) -> None:
    """Fixed widths from the longest text each column can hold, measured in the table's
    font, so nothing is cut ("QCKC20260801-0001") and 摘要 takes the rest. Sizing to
    contents would fetch every page of the list just to measure it."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    samples = {0: "2026-12 记-0000", 1: "2026-12-31", 3: "99,999,999.99", 4: "Reviewed"}
    samples[SOURCE] = "QCKC20261231-0000W"
    for column, sample in samples.items():
        label = table.model().headerData(column, Qt.Orientation.Horizontal)
        wide = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(label or ""))
        table.setColumnWidth(column, wide + 24)  # the cell's padding and the sort margin
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)


class BooksView(QWidget):
    """科目余额表 and the statements for a month, from the report registry."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reports = load_all()
        self.choice = QComboBox()
        for name in BOOKS:
            self.choice.addItem(self.reports[name].title, name)
        self.period = _period_edit()
        show = QPushButton(tr("查询"))
        show.clicked.connect(self.refresh)
        self.table = QTableWidget()
        finance_tables.read_only(self.table)
        self.hint = EmptyHint(_books_hint, self.table)
        bar = QHBoxLayout()
        for widget in (self.choice, QLabel(tr("期间")), self.period, show):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        report = self.reports[self.choice.currentData()]
        try:
            start, end = month_bounds(self.period.text())
        except JxcError as exc:  # 2026-13: the input mask lets any two digits through
            messages.error(self, exc.message)
            return
        params = ReportParams(date_from=start, date_to=end)
        rows = display_rows(report.name, report.run(params), params)  # 现金流量表's headings
        period = self.period.text()
        self.hint.set_text(
            etr(
                "{r}：{p} 没有数据。换一个期间后再点击“查询”。",
                "{r}: nothing in {p}. Choose another period, then press Run.",
                r=report.title,
                p=period,
            )
        )
        finance_tables.fill(self.table, display_columns(report.columns), rows)


def _books_hint() -> str:
    return etr("选择报表和期间后点击“查询”。", "Choose a report and a period, then press Run.")


class CloseView(QWidget):
    """月末结账 / 反结账: what was done, or every reason it was refused."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.period = _period_edit(queries.current_period())  # the month to close next
        self.close_button = QPushButton(tr("结账"))
        self.reopen_button = QPushButton(tr("反结账"))
        self.fx_button = QPushButton(etr("期末调汇", "FX revaluation"))
        self.fx_button.clicked.connect(lambda: self._run(_revalue))
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.close_button.clicked.connect(
            lambda: close_after_confirm(ops, self, self.period.text(), self._close)
        )
        self.reopen_button.clicked.connect(lambda: self._run(closing.reopen))
        bar = QHBoxLayout()
        widgets = (QLabel(tr("期间")), self.period, self.fx_button, self.close_button)
        for widget in (*widgets, self.reopen_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.fx_accounts = FxAccountsBox(ops)
        self.hint = EmptyHint(_close_hint, self.output)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.output, 2)
        layout.addWidget(self.fx_accounts, 1)

    def _run(self, fn) -> bool:
        def failed(exc) -> bool:
            self.output.setPlainText(getattr(exc, "message", str(exc)))
            return True

        ok, result = self.ops.run(
            lambda: fn(self.period.text()), parent=self, changed="*", on_failure=failed
        )
        if ok:
            self.output.setPlainText("\n".join(result.messages))
        return ok

    def _close(self) -> None:
        """Closes the month shown; then shows the month now open (the next to close)."""
        from jxc_desktop.ui.queries import current_period

        if self._run(closing.close):
            self.period.setText(current_period() or self.period.text())


def _close_hint() -> str:
    return etr(
        "输入期间后点击“结账”；做了什么，或不能结账的原因，会显示在下面。",
        "Enter the period, then press Close; what was done, or why it was refused, shows below.",
    )


def _revalue(code: str) -> closing.CloseResult:
    """期末调汇 alone (the close runs it too), shown like a close step."""
    from jxc_desktop.engine.finance import fx

    return closing.CloseResult(code, fx.revalue(code))


class FinancePage(TabPage):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.vouchers = VouchersView(ops)
        self.books = BooksView()
        self.closing = CloseView(ops)
        self.reconcile = ReconcileView(ops)
        self.tabs.addTab(self.vouchers, tr("凭证"))
        self.tabs.addTab(self.books, tr("账簿报表"))
        self.tabs.addTab(self.closing, tr("月末结账"))
        self.tabs.addTab(self.reconcile, etr("对账", "Reconciliation"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresher = Refresher(self.vouchers, self.vouchers.refresh, ops)

    def new_record(self) -> bool:
        return self.vouchers.new_voucher()

    def refresh(self) -> bool:
        self.vouchers.refresh()
        self.closing.fx_accounts.refresh()  # flags may change from the CLI meanwhile
        return True
