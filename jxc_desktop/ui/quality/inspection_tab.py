"""质检单 sub-tab: the list of inspections and a form to inspect a receipt or work order.

Generate from a source number (采购入库, 生产订单 or 产品入库): its lines not yet
inspected come in fully accepted with the plan's sample size; enter the rejected and
concession quantities, save, approve. An approved inspection can return its rejects to
the supplier (采购退货) or become a rework work order (返工).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column
from jxc_desktop.ui.buttons import button, row_box
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.quality.tables import QualityTable, display_text
from jxc_desktop.ui.row_table import CellSpec, RowTable

STATUS = {
    "draft": ("草稿", "Draft"),
    "approved": ("已审核", "Approved"),
    "void": ("已作废", "Void"),
}
EDITABLE = (2, 3, 4, 5, 6, 7)  # inspected, sample, accepted, rejected, concession, reason
FIGURES = (2, 3, 4, 5, 6)  # right-aligned quantities
LIST_MAX_WIDTH = 560  # of 1280: the form keeps room for its eight columns
LIST_COLUMNS = [
    Column("number", "质检单号", "Number"),
    Column("status", "状态", "Status"),
    Column("partner", "供应商", "Supplier"),
    Column("source", "源单", "Source"),
]


def date_edit() -> QDateEdit:
    from PySide6.QtCore import QDate

    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _list_rows() -> list[dict]:
    from jxc_desktop.models.documents import Document

    docs = Document.select().where(Document.doc_type == "ZJD").order_by(Document.id.desc())
    return [
        {
            "id": d.id,
            "number": d.number,
            "status": tr(*STATUS[d.status]),
            "partner": d.partner.name if d.partner_id else "",
            "source": d.source.number if d.source_id else "",
        }
        for d in docs.limit(500)
    ]


class InspectionTab(QWidget):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.doc_id: int | None = None
        self.status = "draft"
        self.inputs = None  # the DocumentInput being edited
        # the number holds the date (ZJD20260824-0001): no date column, the rest fits
        self.list = QualityTable(LIST_COLUMNS, stretch="partner")
        self.list.setObjectName("inspectionList")
        self.list.itemSelectionChanged.connect(self.show_selected)
        self.source = QLineEdit()
        self.source.setObjectName("inspectionSource")
        self.source.setPlaceholderText(tr("入库单或生产订单号", "Receipt or work order number"))
        self.source.setMinimumWidth(200)
        self.date = date_edit()
        self.lines = RowTable(
            [
                CellSpec(tr("源单行", "Source line")),
                CellSpec(tr("商品", "Item")),
                CellSpec(tr("检验数量", "Inspected")),
                CellSpec(tr("样本量", "Sample")),
                CellSpec(tr("合格", "Accepted")),
                CellSpec(tr("不合格", "Rejected")),
                CellSpec(tr("让步接收", "Concession")),
                CellSpec(tr("不良原因", "Defect reason")),
            ]
        )
        self.lines.setObjectName("inspectionLines")
        self.lines.add_button.hide()  # lines come from the source document
        header = self.lines.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.state = QLabel()
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.addLayout(
            row_box(
                QLabel(tr("源单", "Source")),
                self.source,
                QLabel(tr("日期", "Date")),
                self.date,
                button(tr("生成质检单", "Generate"), self.generate, "inspectionGenerate"),
            )
        )
        form_layout.addWidget(self.lines)
        form_layout.addLayout(
            row_box(
                self.state,
                button(tr("保存", "Save"), self.save, "inspectionSave"),
                button(tr("审核", "Approve"), self.approve, "inspectionApprove"),
                button(tr("反审核", "Un-approve"), self.unapprove, "inspectionUnapprove"),
                button(
                    tr("退回供应商", "Return to supplier"), self.return_goods, "inspectionReturn"
                ),
                button(tr("生成返工单", "Rework order"), self.rework, "inspectionRework"),
                button(tr("打印质检报告", "Print report"), self.print_report, "inspectionPrint"),
            )
        )
        self.split = QSplitter()
        self.split.addWidget(self.list)
        self.split.addWidget(form)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([self.list.content_width(), 800])
        QVBoxLayout(self).addWidget(self.split)
        self._set_status("draft")  # nothing shown yet: nothing to save or approve

    def refresh(self) -> None:
        ok, rows = self.ops.run(_list_rows, parent=self)
        if ok:
            self.list.fill(rows)
            # wide enough to read every column whole, the form keeps the rest
            width = min(self.list.content_width(), LIST_MAX_WIDTH)
            total = max(self.split.width(), width + 700)
            self.split.setSizes([width, total - width])

    # ------------------------------------------------------------ the form

    def _show(self, data, status: str) -> None:
        self.inputs, self.status = data, status
        self.lines.table.setRowCount(0)
        for n, line in enumerate(data.lines):
            r = line.extra["result"]
            src = line.source_line
            item = f"{line.item.code} {line.item.name}"
            values = [f"{src.document.number} #{src.line_no}", item]
            figures = [line.qty, r.sample_size, r.accepted, r.rejected, r.concession]
            values += [display_text("qty", v).replace(",", "") for v in figures]
            row = self.lines.add_row(values + [r.defect_reason])
            self.lines.cell(row, 0).setProperty("line_index", n)  # rows may be deleted
            for column in range(8):
                cell = self.lines.cell(row, column)
                cell.setReadOnly(column < 2 or status != "draft")
                cell.setCursorPosition(0)  # the start of a long text, not its tail
                if column in FIGURES:
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._size_lines()
        self._set_status(status)

    def _size_lines(self) -> None:
        """Cells are line edits, which the table cannot measure: size by their texts."""
        table, metrics = self.lines.table, self.lines.table.fontMetrics()
        for column in range(7):
            texts = [table.horizontalHeaderItem(column).text()]
            texts += [self.lines.cell(r, column).text() for r in range(table.rowCount())]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 24
            table.setColumnWidth(column, max(width, 64 if column in FIGURES else 100))

    def _set_status(self, status: str) -> None:
        """The status line and the buttons that make sense in it."""
        self.status = status
        self.state.setText(tr("状态：", "Status: ") + tr(*STATUS[status]))
        draft = status == "draft" and self.inputs is not None
        approved = status == "approved"
        for name, enabled in (
            ("inspectionSave", draft),
            ("inspectionApprove", draft),
            ("inspectionUnapprove", approved),
            ("inspectionReturn", approved),
            ("inspectionRework", approved),
            ("inspectionPrint", self.doc_id is not None),
        ):
            self.findChild(QPushButton, name).setEnabled(enabled)
        self.lines.remove_button.setEnabled(draft)

    def generate(self) -> None:
        from jxc_desktop.engine.quality.inspections import from_source

        number, day = self.source.text().strip(), self.date.date().toPython()
        ok, data = self.ops.run(lambda: from_source(number, day), parent=self)
        if ok:
            self.doc_id = None
            self._show(data, "draft")

    def show_selected(self) -> None:
        from jxc_desktop.engine.quality.inspections import load

        row = self.list.current()
        if row is None:
            return
        ok, (data, status) = self.ops.run(lambda: load(row["id"]), parent=self)
        if ok:
            self.doc_id = row["id"]
            self._show(data, status)

    def _collect(self):
        from jxc_desktop.engine.quality.inspections import ResultInput

        kept = []
        for row in range(self.lines.table.rowCount()):
            line = self.inputs.lines[self.lines.cell(row, 0).property("line_index")]
            texts = [self.lines.cell(row, c).text().strip() for c in EDITABLE]
            line.qty = texts[0]
            line.extra["result"] = ResultInput(texts[2], texts[3], texts[4], texts[1], texts[5])
            kept.append(line)
        return dataclasses.replace(self.inputs, lines=kept)  # a deleted row is not inspected

    def save(self) -> bool:
        from jxc_desktop.engine.quality.inspections import save_inspection

        if self.inputs is None:
            return False
        data = self._collect()
        ok, doc = self.ops.run(
            lambda: save_inspection(data, self.doc_id), parent=self, changed="documents"
        )
        if ok:
            self.doc_id = doc.id
            self._reload()
            self.state.setText(tr("已保存 {n}", "Saved {n}", n=doc.number))
            self.refresh()
        return ok

    def _reload(self) -> None:
        """Shows the stored inspection again (its status decides what can be edited)."""
        from jxc_desktop.engine.quality.inspections import load

        doc_id = self.doc_id
        ok, loaded = self.ops.run(lambda: load(doc_id), parent=self)
        if ok:
            self._show(*loaded)

    def _act(self, fn, message) -> None:
        if self.doc_id is None:
            return
        doc_id = self.doc_id
        ok, result = self.ops.run(lambda: fn(doc_id), parent=self, changed="documents")
        if ok:
            self._reload()
            self.state.setText(message(result))

    def approve(self) -> None:
        from jxc_desktop.engine import documents

        if self.status == "draft" and not self.save():
            return
        self._act(documents.approve, lambda r: tr("已审核", "Approved"))
        self.refresh()

    def unapprove(self) -> None:
        from jxc_desktop.engine import documents

        self._act(documents.unapprove, lambda r: tr("已反审核", "Un-approved"))

    def return_goods(self) -> None:
        from jxc_desktop.engine.quality.actions import return_to_supplier

        self._act(
            return_to_supplier,
            lambda docs: tr(
                "已生成退货单 {n}", "Return {n} created", n=", ".join(d.number for d in docs)
            ),
        )

    def rework(self) -> None:
        from jxc_desktop.engine.quality.actions import create_rework_order

        self._act(
            create_rework_order,
            lambda d: tr("已生成返工单 {n}", "Rework order {n} created", n=d.number),
        )

    def print_report(self, path: str | None = None):
        """The 质检报告 PDF on the worker thread, then handed to the system viewer."""
        from jxc_desktop.engine.quality.report_pdf import render_inspection
        from jxc_desktop.ui.inventory.doc_list_support import open_file, pdf_path

        if self.doc_id is None:
            return None
        doc_id, target = self.doc_id, pdf_path(self, "inspection.pdf", path)
        self.last_pdf = None

        def done(result: str) -> None:
            self.last_pdf = result
            open_file(result)

        return self.ops.run_in_background(
            lambda _p, _s: str(render_inspection(doc_id, target)),
            title=tr("正在生成 PDF……", "Writing the PDF…"),
            parent=self,
            on_success=done,
        )
