"""One document type's list (期初库存, 其他入库, ...) with its status / date filters and
actions: 新增, 编辑, 审核, 反审核, 作废, 删除, 打印, 打印标签, 导出 Excel."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import (
    documents,
    listing_documents,  # noqa: F401 - registers "documents"
)
from jxc_desktop.ui import messages
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.doc_list_support import open_file, pdf_path, qdate
from jxc_desktop.ui.list_view import ListView
from jxc_desktop.ui.listing_source import ListingSource
from jxc_desktop.ui.ops import Ops

FIT_KEYS = ("number", "external_number", "warehouse", "dest_warehouse", "maker", "approver")


class DocumentList(QWidget):
    open_form = Signal(int)  # a document id to open (edit or view)
    new_requested = Signal()

    def __init__(self, ops: Ops, doc_type: str, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.doc_type = doc_type
        self.last_pdf: str | None = None
        self.list = ListView(ListingSource("documents"), ops=ops)
        self.list.search.setPlaceholderText(tr("搜索：单据编号开头 / 外部单号（回车）"))
        self.list.activated.connect(lambda _row: self.edit())
        self.list.model.filters["doc_type"] = doc_type
        self.list.model.set_sort("number", True)  # newest first
        self._build_filters()
        self._hide_columns()
        # numbers shown whole, an empty 外部单号 narrow: the amount stays in sight
        self.list.fit_columns(FIT_KEYS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.list, 1)

    def _hide_columns(self) -> None:
        """Columns that say nothing for this type: the type itself, the partner (inventory
        documents have none) and the destination outside transfers."""
        hidden = {"doc_type", "partner"} | ({"dest_warehouse"} if self.doc_type != "DBD" else set())
        for i, column in enumerate(self.list.model.source.columns):
            self.list.table.setColumnHidden(i, column.key in hidden)

    def _build_filters(self) -> None:
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        for text, value in [
            (tr("全部状态"), None),
            (tr("草稿"), "draft"),
            (tr("已审核"), "approved"),
            (tr("作废"), "void"),
        ]:
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(
            lambda _i: self.list.model.set_filter("status", self.status.currentData())
        )
        self.use_dates = QCheckBox(tr("日期"))
        self.use_dates.setObjectName("dateFilter")
        today = QDate.currentDate()
        self.date_from = QDateEdit(QDate(today.year(), today.month(), 1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.apply_dates())
        self.use_dates.toggled.connect(lambda _on: self.apply_dates())
        for edit in (self.date_from, self.date_to):  # greyed while the filter is off
            edit.setEnabled(self.use_dates.isChecked())
            self.use_dates.toggled.connect(edit.setEnabled)
        row = self.list.filter_row
        row.insertWidget(1, self.status)
        row.insertWidget(2, self.use_dates)
        row.insertWidget(3, self.date_from)
        row.insertWidget(4, QLabel("—"))
        row.insertWidget(5, self.date_to)

    def apply_dates(self) -> None:
        on = self.use_dates.isChecked()
        model = self.list.model
        model.filters.pop("date_from", None)
        model.filters.pop("date_to", None)
        if on:
            model.filters["date_from"] = qdate(self.date_from.date())
            model.filters["date_to"] = qdate(self.date_to.date())
        model.refresh()

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in [
            ("new", tr("新增"), self.new_requested.emit),
            ("edit", tr("编辑"), self.edit),
            ("approve", tr("审核"), self.approve),
            ("unapprove", tr("反审核"), self.unapprove),
            ("void", tr("作废"), self.void),
            ("delete", tr("删除"), self.delete),
            ("print", tr("打印"), self.print_document),
            ("labels", tr("打印标签"), self.print_labels),
            ("export", tr("导出 Excel"), self.export),
        ]:
            button = QPushButton(text)
            button.setObjectName(f"btn_{name}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- selection ------------------------------------------------------------------------
    def selected(self) -> dict | None:
        row = self.list.current_row()
        if row is None:
            messages.info(self, tr("请先选择一张单据。"))
        return row

    def select_number(self, number: str) -> bool:
        for n in range(self.list.model.rowCount()):
            row = self.list.model.row(n)
            if row and row["number"] == number:
                self.list.select_row(n)
                return True
        return False

    def refresh(self) -> None:
        self.list.refresh()

    # -- actions --------------------------------------------------------------------------
    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_form.emit(row["id"])

    def _act(self, fn, done_text: str):
        row = self.selected()
        if row is None:
            return None
        ok, result = self.ops.run(lambda: fn(row["id"]), parent=self, changed="documents")
        if ok:
            notes = list(getattr(result, "messages", []) or [])
            text = "\n".join([done_text.format(n=row["number"]), *notes])
            messages.info(self, text)
        return ok

    def approve(self):
        return self._act(documents.approve, tr("单据 {n} 已审核。"))

    def unapprove(self):
        return self._act(documents.unapprove, tr("单据 {n} 已反审核，回到草稿。"))

    def void(self):
        return self._act(documents.void, tr("单据 {n} 已作废。"))

    def delete(self, confirm: bool = True):
        row = self.selected()
        if row is None:
            return None

        def do() -> None:
            self.ops.run(
                lambda: documents.delete_draft(row["id"]), parent=self, changed="documents"
            )

        if not confirm:
            do()
            return True
        box = messages.confirm(
            self, tr("确定删除草稿 {n} 吗？单号不会再使用。").format(n=row["number"])
        )
        box.accepted.connect(do)
        return box

    def print_document(self, path: str | None = None):
        """The document as a PDF (render_document) on the worker thread, then opened."""
        row = self.selected()
        if row is None:
            return None
        from jxc_desktop.engine.printing.document_pdf import render_document

        target = pdf_path(self, f"{row['number']}.pdf", path)
        return self.ops.run_in_background(
            lambda _p, _s: str(render_document(row["id"], target)),
            title=tr("正在生成 PDF……"),
            parent=self,
            on_success=self._printed,
        )

    def _printed(self, path: str) -> None:
        self.last_pdf = path
        open_file(path)

    def print_labels(self, path: str | None = None):
        from jxc_desktop.ui.inventory.labels_dialog import LabelsDialog

        row = self.selected()
        if row is None:
            return None
        dialog = LabelsDialog(self.ops, row["id"], row["number"], self, path)
        dialog.printed.connect(self._printed)
        dialog.open()
        self.labels_dialog = dialog
        return dialog

    def export(self, path: str | None = None):
        """The list as shown (filters and search) to xlsx, on the worker thread."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("导出 Excel"), f"{self.doc_type}.xlsx", "Excel (*.xlsx)"
            )
        if not path:
            return None
        from jxc_desktop.ui.inventory.exports import export_documents

        search, filters = self.list.model.search, dict(self.list.model.filters)
        return self.ops.run_in_background(
            lambda _p, _s: export_documents(path, search, filters),
            title=tr("正在导出……"),
            parent=self,
            on_success=lambda n: messages.info(self, tr("已导出 {n} 行到 {p}").format(n=n, p=path)),
        )
