"""选源单: make an invoice from receipts. Choose the partner, tick the approved deliveries
(采购入库, 委外入库 with their processing fee; 销售出库 on the sales side) that still have
something to invoice, and OK saves one invoice draft of what is left on them
(generate.receipts_to_invoice); the list opens it in its form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableWidget,
    QVBoxLayout,
)

from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, format_qty
from jxc_desktop.models.masterdata import Partner
from jxc_desktop.ui import messages
from jxc_desktop.ui.trade.cells import cell

PARTNER_KIND = {"CGFP": "supplier", "XSFP": "customer"}
PICK, NUMBER, TYPE, DATE, QTY, TOTAL = range(6)


class SourcePicker(QDialog):
    """Partner, then its receipts with something left to invoice, each with a tick box."""

    def __init__(self, ops, invoice_type: str, parent=None):
        super().__init__(parent)
        self.ops, self.invoice_type = ops, invoice_type
        self.rows: list[dict] = []
        self.invoice = None  # the saved draft, after OK
        self.setWindowTitle(
            tr("选源单 - {t}", "Pick sources - {t}", t=DOC_TYPES[invoice_type].label)
        )
        self.partner = QComboBox()
        kind = PARTNER_KIND[invoice_type]
        for p in Partner.select().where(Partner.kind.in_([kind, "both"])).order_by(Partner.code):
            self.partner.addItem(f"{p.code}  {p.name}", p.id)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("sourcePickerTable")
        self.table.setHorizontalHeaderLabels(
            [
                tr("选择", "Pick"),
                tr("单据编号", "Number"),
                tr("类型", "Type"),
                tr("日期", "Date"),
                tr("未开票数量", "Qty left"),
                tr("未开票金额", "Total left"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        form = QFormLayout()
        form.addRow(tr("往来单位", "Partner"), self.partner)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.partner.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def load(self) -> None:
        from jxc_desktop.engine.trade.invoices import uninvoiced_documents

        partner_id, invoice_type = self.partner.currentData(), self.invoice_type
        if partner_id is None:
            self._fill([])
            return
        ok, rows = self.ops.run(lambda: uninvoiced_documents(invoice_type, partner_id), parent=self)
        self._fill(rows if ok else [])

    def _fill(self, rows: list[dict]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            pick = cell("")
            pick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            pick.setCheckState(Qt.CheckState.Checked)
            total = format_money(row["total"])
            if row["currency"] != "CNY":
                total = f"{row['currency']} {total}"
            cells = [
                pick,
                cell(row["number"]),
                cell(DOC_TYPES[row["doc_type"]].label),
                cell(row["date"].isoformat()),
                cell(format_qty(row["qty"]), right=True),
                cell(total, right=True),
            ]
            for c, item in enumerate(cells):
                self.table.setItem(r, c, item)

    def picked(self) -> list[int]:
        """The ids of the ticked documents, in list order."""
        return [
            row["id"]
            for r, row in enumerate(self.rows)
            if self.table.item(r, PICK).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> bool:
        from jxc_desktop.engine import documents
        from jxc_desktop.engine.trade import generate

        ids = self.picked()
        if not ids:
            messages.info(self, tr("请勾选源单", "Tick at least one document"))
            return False

        def make():
            return generate.receipts_to_invoice([documents.get_document(i) for i in ids], save=True)

        ok, invoice = self.ops.run(make, parent=self, changed="documents")
        if ok:
            self.invoice = invoice
            self.accept()
        return ok
