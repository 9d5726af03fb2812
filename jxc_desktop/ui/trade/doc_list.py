"""A trade document list: type and status filters, approve / un-approve, next document.

Strings come from the engine's tr(中文, English) so the tab follows the language switch
without entries in the shared .ts file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import documents
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money
from jxc_desktop.engine.trade import drafts, execution, generate
from jxc_desktop.models.documents import Document
from jxc_desktop.models.masterdata import Warehouse
from jxc_desktop.ui import messages

TYPES = {
    "sales": ["XSDD", "XSCK", "XSFP", "SKD", "XSTH", "XSBJ"],
    "purchase": ["CGDD", "CGRK", "CGFP", "FKD", "CGTH", "CGSQ"],
}
LIMIT = 500  # newest first; older documents are reached with the filters


def _cell(text, right=False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class TradeDocList(QWidget):
    def __init__(self, ops, side: str, parent=None):
        super().__init__(parent)
        self.ops, self.side = ops, side
        self.type_box = QComboBox()
        for prefix in TYPES[side]:
            self.type_box.addItem(DOC_TYPES[prefix].label, prefix)
        self.status_box = QComboBox()
        for key, label in [
            ("", tr("全部", "All")),
            ("draft", tr("草稿", "Draft")),
            ("approved", tr("已审核", "Approved")),
            ("void", tr("已作废", "Void")),
        ]:
            self.status_box.addItem(label, key)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                tr("单据编号", "Number"),
                tr("日期", "Date"),
                tr("往来单位", "Partner"),
                tr("状态", "Status"),
                tr("价税合计", "Total"),
                tr("执行情况", "Execution"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setObjectName("tradeDocTable")
        self.table.cellDoubleClicked.connect(lambda _row, _col: self.edit_document())
        self._build_layout()
        self.type_box.currentIndexChanged.connect(self.refresh)
        self.status_box.currentIndexChanged.connect(self.refresh)
        ops.changed.connect(lambda _what: self.refresh())
        self.refresh()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.type_box)
        bar.addWidget(self.status_box)
        self.buttons = {}
        for key, label, slot in [
            ("new", tr("新建", "New"), self.new_document),
            ("edit", tr("修改", "Edit"), self.edit_document),
            ("approve", tr("审核", "Approve"), self.approve),
            ("unapprove", tr("反审核", "Un-approve"), self.unapprove),
            ("next", tr("生成下游单据", "Next document"), self.next_document),
            ("close", tr("短缺关闭", "Close short"), self.close_short),
            ("plan", tr("收款计划", "Collection plan"), self.collection_plan),
        ]:
            if key == "plan" and self.side != "sales":
                continue
            button = QPushButton(label)
            button.setObjectName(f"trade_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def refresh(self) -> bool:
        prefix, status = self.type_box.currentData(), self.status_box.currentData()
        query = Document.select().where(Document.doc_type == prefix)
        if status:
            query = query.where(Document.status == status)
        docs = list(query.order_by(Document.date.desc(), Document.id.desc()).limit(LIMIT))
        self.table.setRowCount(len(docs))
        self.ids = [d.id for d in docs]
        for row, doc in enumerate(docs):
            total = doc.total_amount + doc.total_tax
            cells = [
                _cell(doc.number),
                _cell(doc.date.isoformat()),
                _cell(doc.partner.name if doc.partner_id else ""),
                _cell(_status(doc.status)),
                _cell(format_money(total), right=True),
                _cell(_execution(doc)),
            ]
            for col, cell in enumerate(cells):
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()  # at most LIMIT rows
        return True

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def _act(self, fn) -> None:
        doc_id = self.selected_id()
        if doc_id is None:
            messages.info(self, tr("请先选择单据", "Select a document first"))
            return
        ok, result = self.ops.run(lambda: fn(doc_id), parent=self, changed="documents")
        texts = getattr(result, "messages", None) if ok else None
        if texts:
            messages.info(self, "\n".join(texts))

    def _form(self, prefix: str, doc_id: int | None):
        from jxc_desktop.ui.trade.money_form import MoneyForm
        from jxc_desktop.ui.trade.trade_form import TradeForm

        kind = TradeForm if DOC_TYPES[prefix].item_lines else MoneyForm
        self.form = kind(self.ops, prefix, self, doc_id=doc_id)
        self.form.open()
        return self.form

    def new_document(self):
        """Opens the scanner form (the 收款单/付款单 form for money) for the chosen type."""
        return self._form(self.type_box.currentData(), None)

    def edit_document(self):
        """Opens the selected draft in its form; saving keeps its number."""
        doc_id = self.selected_id()
        if doc_id is None:
            messages.info(self, tr("请先选择单据", "Select a document first"))
            return None
        doc = documents.get_document(doc_id)
        if doc.status != "draft":
            messages.info(
                self,
                tr("只有草稿可以修改：{n}", "Only a draft can be edited: {n}", n=doc.number),
            )
            return None
        return self._form(doc.doc_type, doc_id)

    def approve(self) -> None:
        self._act(documents.approve)

    def unapprove(self) -> None:
        self._act(documents.unapprove)

    def next_document(self):
        """生成下游单据: the next document's draft, opened in its form to check and save.

        A delivery or receipt is saved as a draft first (its lines carry the order's open
        quantities) and opened for scanning; a receipt of money opens as a new form with
        the invoice's open amounts chosen.
        """
        doc_id = self.selected_id()
        if doc_id is None:
            messages.info(self, tr("请先选择单据", "Select a document first"))
            return None
        doc = documents.get_document(doc_id)
        if doc.doc_type in generate.MONEY_FOR and doc.doc_type not in generate.INVOICE_FOR:
            return self._money_for(doc)

        def make():
            if doc.doc_type in execution.DELIVERY_OF:
                # an order names no warehouse unless the user gave one: take the first
                wh = doc.warehouse or Warehouse.select().order_by(Warehouse.code).first()
                return generate.order_to_delivery(doc_id, warehouse=wh, save=True)
            if doc.doc_type in generate.INVOICE_FOR:
                return generate.delivery_to_invoice(doc_id, save=True)
            return generate.invoice_to_money(doc_id, save=True)

        ok, new = self.ops.run(make, parent=self, changed="documents")
        if not ok:
            return None
        form = self._form(new.doc_type, new.id)
        form.message.setText(tr("已生成草稿 {n}", "Draft {n} saved", n=new.number))
        return form

    def _money_for(self, doc: Document):
        ok, found = self.ops.run(lambda: drafts.money_targets(doc.id), parent=self)
        if not ok:
            return None
        currency, targets = found
        form = self._form(generate.MONEY_FOR[doc.doc_type], None)
        form.currency.setCurrentText(currency)  # the day's rate with it
        form.prefill(doc.partner_id, targets)
        return form

    def collection_plan(self):
        """收款计划 of the selected sales order."""
        from jxc_desktop.ui.trade.plan_dialog import PlanDialog

        doc_id = self.selected_id()
        if doc_id is None or documents.get_document(doc_id).doc_type != "XSDD":
            messages.info(self, tr("请先选择销售订单", "Select a sales order first"))
            return None
        self.plan = PlanDialog(self.ops, doc_id, self)
        self.plan.open()
        return self.plan

    def close_short(self) -> None:
        def close(doc_id):
            order = documents.get_document(doc_id)
            for st in execution.line_states(order):
                if st.open > 0:
                    execution.close_line(st.line.id, tr("短缺关闭", "Closed short"))

        self._act(close)


def _status(status: str) -> str:
    return {
        "draft": tr("草稿", "Draft"),
        "approved": tr("已审核", "Approved"),
        "void": tr("已作废", "Void"),
    }[status]


def _execution(doc: Document) -> str:
    if doc.doc_type in execution.DELIVERY_OF and doc.status == "approved":
        return execution.status_label(execution.order_status(doc))
    return ""
