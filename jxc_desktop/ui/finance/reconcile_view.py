"""对账 page of the 财务 tab: sub-ledgers against the general ledger, down to the document."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import money
from jxc_desktop.engine.finance import reconcile
from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.empty_hint import EmptyHint
from jxc_desktop.ui.finance import tables
from jxc_desktop.ui.finance.drill import open_source

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COLUMNS = [
    ("类别", "Section"),
    ("科目", "Account"),
    ("往来单位", "Partner"),
    ("单据/凭证", "Document"),
    ("日期", "Date"),
    ("明细账金额", "Sub-ledger"),
    ("总账金额", "GL"),
    ("差额", "Difference"),
]


class ReconcileView(QWidget):
    """Totals per inventory account and per partner; the differing documents under them."""

    def __init__(self, ops=None, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.rows: list[reconcile.Row] = []
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.only_differences = QCheckBox(tr("只看差异", "Differences only"))
        show = QPushButton(tr("对账", "Reconcile"))
        show.clicked.connect(self.refresh)
        self.status = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(zh, en) for zh, en in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(
            tr("双击单据行打开单据或凭证", "Double-click a document row to open it or its voucher")
        )
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        bar = QHBoxLayout()
        for widget in (QLabel(tr("截至", "As of")), self.as_of, self.only_differences, show):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.status)
        self.hint = EmptyHint(_start_hint, self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        rows = reconcile.reconcile(self.as_of.date().toPython())
        if self.only_differences.isChecked():
            rows = [r for r in rows if r.difference]
        self.rows = rows
        self.hint.set_text(_nothing_hint(self.only_differences.isChecked()))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                reconcile.section_label(row.section),
                row.account,
                row.partner,
                row.document or tr("合计", "Total"),
                row.date.isoformat() if row.date else "",
                money.format_money(row.subledger),
                money.format_money(row.gl),
                money.format_money(row.difference),
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c >= 5:  # amounts line up on the decimal point
                    cell.setTextAlignment(RIGHT)
                if c == 7 and row.difference:
                    cell.setForeground(QColor("#c00000"))
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        samples = {4: "2026-12-31"} | {c: tables.MONEY_SAMPLE for c in (5, 6, 7)}
        tables.at_least(self.table, samples)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        bad = sum(1 for r in rows if r.document and r.difference)
        self.status.setText(
            tr("差异单据 {n} 张", "{n} documents differ", n=bad)
            if bad
            else tr("总账与明细账一致", "The ledgers agree")
        )

    def open_row(self, row: int):
        """A document row opens its document (a manual voucher: the voucher), the way the
        凭证 list drills down; total rows have nothing to open."""
        if not (0 <= row < len(self.rows)) or self.ops is None:
            return None
        return open_source(self.ops, self.rows[row].source, self)


def _start_hint() -> str:
    return tr(
        "选择截至日期后点击“对账”：逐科目、逐往来单位核对库存、应收、应付的明细账与总账。",
        "Choose the as-of date, then press Reconcile: stock, receivables and payables are "
        "checked against the general ledger, account by account and partner by partner.",
    )


def _nothing_hint(differences_only: bool) -> str:
    if differences_only:
        return tr("没有差异：总账与明细账一致。", "No differences: the ledgers agree.")
    return tr(
        "截至该日没有库存、应收或应付余额可核对。",
        "Nothing to reconcile: no stock, receivable or payable balances at that date.",
    )
