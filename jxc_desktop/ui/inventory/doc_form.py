"""The inventory document form: header, a scanner field (focused) and the lines grid.

Built for a clerk scanning all day: the scanner field has the focus whenever the form
opens or a scan is done, every scan answers in the message line (red + beep when it
cannot be used), Ctrl+S saves and shows every problem at once, 审核 shows what the
engine did (e.g. the re-valuation of later moves after a backdated document).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import documents, lookup, money, scanning
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.inventory import expiry, serials
from jxc_desktop.ui import choices, messages
from jxc_desktop.ui.forms import ERROR_LABEL_STYLE
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.delegates import ItemCodeDelegate, UnitDelegate
from jxc_desktop.ui.inventory.lines_model import HINT_TYPES, LinesModel
from jxc_desktop.ui.inventory.scan_field import ScanField
from jxc_desktop.ui.inventory.serial_dialog import SerialDialog
from jxc_desktop.ui.ops import Ops


def status_text(status: str) -> str:
    return {"draft": tr("草稿"), "approved": tr("已审核"), "void": tr("作废")}.get(status, status)


# line columns shown on an approved document only when some line fills them
FILLED_WHEN_READ = ("location", "dest_location", "batch_no", "production_date", "expiry_date")


class DocumentForm(QDialog):
    def __init__(self, ops: Ops, doc_type: str, doc_id: int | None = None, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.doc_type = doc_type
        self.doc_id = doc_id
        self.approved_result = None
        self.busy = False  # a save or approval is running on the worker thread
        self.stage = "save"
        self.serial_dialog: SerialDialog | None = None  # the open 序列号 dialog (tests)
        self.question = None  # the open "approve anyway?" box (tests)
        if doc_id is None:
            self.header = scanning.DraftHeader(doc_type, dt.date.today())
            self.lines = scanning.DraftLines(with_price=doc_type in scanning.PRICED_TYPES)
        else:
            self.header, self.lines = scanning.load_draft(doc_id)
        self.setObjectName("documentForm")
        self.setWindowTitle(
            DOC_TYPES[doc_type].label + " - " + (self.header.number or tr("新单据"))
        )
        self.resize(1100, 680)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        self.scan = ScanField()
        self.scan.scanned.connect(self.on_scan)
        if doc_type in scanning.PRICED_TYPES:
            layout.addWidget(self._build_batch_row())
        layout.addWidget(self.scan)
        layout.addWidget(self._build_grid(), 1)
        layout.addLayout(self._build_footer())
        self.banner = QLabel()
        self.banner.setObjectName("formBanner")
        self.banner.setStyleSheet(ERROR_LABEL_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addLayout(self._build_buttons())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._hinting = False
        if doc_type in HINT_TYPES:
            self.model.totals_changed.connect(self.refresh_hints)
            self.warehouse.currentIndexChanged.connect(self.refresh_hints)
            self.date.dateChanged.connect(self.refresh_hints)
            self.refresh_hints()
        self._show_state()
        self.scan.setFocus()

    # -- building -------------------------------------------------------------------------
    def _build_header(self) -> QHBoxLayout:
        h = self.header
        self.number = QLabel(h.number or tr("（保存时生成）"))
        self.number.setObjectName("docNumber")
        self.number.setStyleSheet("font-weight: bold;")
        self.status = QLabel(status_text(h.status))
        self.status.setObjectName("docStatus")
        self.date = QDateEdit(QDate(h.date.year, h.date.month, h.date.day))
        self.date.setObjectName("docDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.time = QLineEdit(h.time)
        self.time.setObjectName("docTime")
        self.time.setPlaceholderText("HH:MM")
        self.time.setMaximumWidth(80)
        self.warehouse = self._warehouse_box("docWarehouse", h.warehouse, True)
        self.dest_warehouse = self._warehouse_box("docDestWarehouse", h.dest_warehouse, False)
        self.remarks = QLineEdit(h.remarks)
        self.remarks.setObjectName("docRemarks")
        left, right = QFormLayout(), QFormLayout()
        left.addRow(tr("单据编号："), self.number)
        left.addRow(tr("日期："), self.date)
        left.addRow(tr("时间："), self.time)
        transfer = self.doc_type == "DBD"
        right.addRow(tr("状态："), self.status)
        right.addRow(tr("调出仓库：") if transfer else tr("仓库："), self.warehouse)
        if transfer:
            right.addRow(tr("调入仓库："), self.dest_warehouse)
        right.addRow(tr("备注："), self.remarks)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 2)
        return row

    def _build_batch_row(self) -> QWidget:
        """Receipts: the batch being received, applied to batch-managed items scanned
        (part of scanning: hidden with the scanner once the document is approved)."""
        self.batch_no = QLineEdit()
        self.batch_no.setObjectName("scanBatch")
        self.batch_no.setPlaceholderText(tr("批次号"))
        self.production_date = QLineEdit()
        self.production_date.setObjectName("scanProductionDate")
        self.production_date.setPlaceholderText("YYYY-MM-DD")
        self.batch_row = QWidget()
        row = QHBoxLayout(self.batch_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("批次管理商品的当前批次：")))
        row.addWidget(self.batch_no)
        row.addWidget(QLabel(tr("生产日期：")))
        row.addWidget(self.production_date)
        for edit in (self.batch_no, self.production_date):
            edit.setMaximumWidth(150)
            edit.returnPressed.connect(self.scan.setFocus)  # back to scanning
        row.addStretch(1)
        return self.batch_row

    def current_batch(self) -> scanning.ScanBatch | str:
        """The batch typed beside the scanner, or why it cannot be used."""
        if not hasattr(self, "batch_no"):
            return scanning.ScanBatch()
        text = self.production_date.text().strip()
        try:
            made = dt.date.fromisoformat(text) if text else None
        except ValueError:
            return tr("日期“{t}”无效，请按 YYYY-MM-DD 输入").format(t=text)
        return scanning.ScanBatch(self.batch_no.text().strip(), made)

    def _warehouse_box(self, name: str, code: str, preselect: bool) -> QComboBox:
        """Warehouses by code; a new document starts in the first one (most shops have one)."""
        box = QComboBox()
        box.setObjectName(name)
        box.setMinimumWidth(200)
        box.addItem("", "")
        for wh_code, wh_name in choices.warehouses():
            box.addItem(f"{wh_code}  {wh_name}", wh_code)
        if code:
            index = box.findData(code)
            box.setCurrentIndex(index if index >= 0 else 0)
        elif preselect and box.count() > 1 and self.doc_id is None:
            box.setCurrentIndex(1)
        return box

    def _build_grid(self) -> QTableView:
        self.model = LinesModel(self.doc_type, self.lines, self)
        self.model.problem.connect(self.scan.show_error)
        self.model.totals_changed.connect(self._update_totals)
        self.table = QTableView()
        self.table.setObjectName("linesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width)
        self.table.setItemDelegateForColumn(self.model.column_of("code"), ItemCodeDelegate(self))
        if any(c.key == "unit" for c in self.model.columns):
            unit_delegate = UnitDelegate(self.lines, self)
            self.table.setItemDelegateForColumn(self.model.column_of("unit"), unit_delegate)
        self.table.doubleClicked.connect(self._cell_double_clicked)
        self.model.totals_changed.connect(self._fit_columns)
        return self.table

    def _build_footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.remove_button = QPushButton(tr("删除行"))
        self.remove_button.setObjectName("btn_removeLine")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_line)
        self.serial_button = QPushButton(etr("序列号…", "Serial numbers…"))
        self.serial_button.setObjectName("btn_serials")
        self.serial_button.setAutoDefault(False)
        self.serial_button.clicked.connect(lambda: self.open_serials(self._current_row()))
        self.serial_button.setVisible(serials.needs_serials(self.doc_type))
        self.totals = QLabel()
        self.totals.setObjectName("docTotals")
        self.totals.setStyleSheet("font-size: 11pt;")
        row.addWidget(self.remove_button)
        row.addWidget(self.serial_button)
        row.addStretch(1)
        row.addWidget(self.totals)
        self._update_totals()
        return row

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in [
            ("save", tr("保存 (Ctrl+S)"), self.save),
            ("approve", tr("保存并审核"), self.approve),
            ("close", tr("关闭"), self.reject),
        ]:
            button = QPushButton(text)
            button.setObjectName(f"btn_{name}")
            button.setAutoDefault(False)  # Enter belongs to the scanner field
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.insertStretch(0, 1)
        return row

    # -- state ----------------------------------------------------------------------------
    def editable(self) -> bool:
        return self.header.status == "draft"

    def _show_state(self) -> None:
        editable = self.editable()
        self.model.read_only = not editable
        for widget in (self.date, self.time, self.warehouse, self.dest_warehouse, self.remarks):
            widget.setEnabled(editable)
        self.scan.setVisible(editable)
        if hasattr(self, "batch_row"):
            self.batch_row.setVisible(editable)
        self._fit_columns()
        self.remove_button.setEnabled(editable)
        self.serial_button.setEnabled(editable)
        self.buttons["save"].setEnabled(editable)
        self.buttons["approve"].setEnabled(editable)
        self.status.setText(status_text(self.header.status))
        self.number.setText(self.header.number or tr("（保存时生成）"))

    def _fit_columns(self) -> None:
        """Columns a document does not use step aside, so 生产日期 and 有效期至 are on
        screen when they say something: 序列号 while no line's item takes serial
        numbers; once the document is approved also the FEFO hint and every 库位,
        批次 and date column no line fills."""
        editable, lines = self.editable(), list(self.lines.lines)
        for i, column in enumerate(self.model.columns):
            if column.key == "serials":
                hide = not any(line.serial_managed for line in lines)
            elif column.key == "fefo":
                hide = not editable
            elif column.key in FILLED_WHEN_READ:
                hide = not editable and not any(getattr(line, column.key) for line in lines)
            else:
                hide = False
            self.table.setColumnHidden(i, hide)

    def reject(self) -> None:
        """Closing waits for a running save: its answer must find the form still there."""
        if self.busy:
            self.scan.show_error(tr("正在保存，请稍候再关闭"))
            return
        super().reject()

    def _update_totals(self) -> None:
        """One wording whatever the lines: 共 n 行, 数量合计 (— when 瓶 and 箱 would be
        added up) and, for documents with amounts, 金额合计."""
        qty = sum((line.qty for line in self.lines.lines), Decimal(0))
        mixed = len({line.unit for line in self.lines.lines}) > 1
        text = tr("共 {n} 行    数量合计 {q}").format(
            n=len(self.lines), q="—" if mixed else money.format_qty(qty)
        )
        if any(c.key == "line_amount" for c in self.model.columns):
            amounts = [line.line_amount for line in self.lines.lines]
            total = sum((a for a in amounts if a is not None), Decimal(0))
            text += "    " + tr("金额合计 {a}").format(a=money.format_money(total))
        self.totals.setText(text)
        self.totals.setToolTip(
            etr("单位不同的数量不相加", "Quantities in different units are not added up")
            if mixed
            else ""
        )

    # -- scanning -------------------------------------------------------------------------
    def on_scan(self, text: str) -> None:
        """One scan: add or increase a line, or say in red why not (never raises)."""
        batch = self.current_batch()
        if isinstance(batch, str):
            self.scan.show_error(batch)
            return
        required = self.doc_type in scanning.PRICED_TYPES  # receipts name their batch
        result = scanning.scan_text(self.lines, text, batch, batch_required=required)
        if not result.ok and not result.prompt and self.doc_type not in serials.RECEIPTS:
            result = scanning.scan_serial(self.lines, text, self._warehouse_id()) or result
        if not result.ok:
            self.scan.show_error(result.message)
            if result.prompt == "batch":  # ask right away, not at approval
                self.batch_no.setFocus()
            return
        if result.added:
            self.model.row_added(result.row)
        else:
            self.model.row_changed(result.row)
        self.table.selectRow(result.row)
        self.table.scrollTo(self.model.index(result.row, 0))
        self.scan.show_ok(result.message)
        self.scan.setFocus()
        if result.prompt == "serial" and serials.needs_serials(self.doc_type):
            self.open_serials(result.row)

    def remove_line(self) -> None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else len(self.lines) - 1
        self.model.remove_row(row)
        self.scan.setFocus()

    # -- serials and batch hints ----------------------------------------------------------
    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else len(self.lines) - 1

    def _cell_double_clicked(self, index) -> None:
        if self.model.columns[index.column()].kind == "serial":
            self.open_serials(index.row())

    def open_serials(self, row: int) -> SerialDialog | None:
        """Opens the 序列号 dialog of a line (non-modal: the scanner types into it)."""
        if not self.editable() or not 0 <= row < len(self.lines):
            return None
        line = self.lines[row]
        if not line.serial_managed:
            self.scan.show_error(
                etr(
                    "商品 {c} 未启用序列号管理",
                    "Item {c} does not track serial numbers",
                    c=line.code,
                )
            )
            return None
        dialog = SerialDialog(self.doc_type, line, self._warehouse_id(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._serials_entered(row))
        dialog.finished.connect(lambda _r: self.scan.setFocus())
        self.serial_dialog = dialog
        dialog.open()
        return dialog

    def _warehouse_id(self) -> int | None:
        found = lookup.warehouse_by_code(self.warehouse.currentData() or "")
        return found.id if found else None

    def _serials_entered(self, row: int) -> None:
        self.serial_dialog = None
        self.model.row_changed(row)
        line = self.lines[row]
        self.scan.show_ok(
            etr(
                "{name} 已录入序列号 {n} 个",
                "{name}: serial numbers entered: {n}",
                name=line.name,
                n=len(line.serials),
            )
        )

    def refresh_hints(self, *_args) -> None:
        """Issues: which batch first-expiry-first-out will take for lines without one."""
        if self._hinting:
            return
        open_rows = [
            i for i, x in enumerate(self.lines.lines) if x.batch_managed and not x.batch_no
        ]
        hints = ["" for _ in self.lines.lines]
        if open_rows:
            d = self.date.date()
            wanted = [
                expiry.PreviewLine(x.item_id, x.qty * x.factor, x.location, x.batch_no)
                for x in (self.lines[i] for i in open_rows)
            ]
            on = dt.date(d.year(), d.month(), d.day())
            found = expiry.fefo_preview(self.warehouse.currentData() or "", on, wanted)
            for i, hint in zip(open_rows, found, strict=True):
                hints[i] = hint
        if hints == self.model.hints:
            return
        self.model.hints = hints
        self._hinting = True
        try:
            column = self.model.column_of("fefo")
            last = self.model.index(max(0, len(hints) - 1), column)
            self.model.dataChanged.emit(self.model.index(0, column), last)
        finally:
            self._hinting = False

    # -- saving ---------------------------------------------------------------------------
    def collect(self) -> scanning.DraftHeader:
        d = self.date.date()
        h = self.header
        h.date = dt.date(d.year(), d.month(), d.day())
        h.time = self.time.text().strip()
        h.warehouse = self.warehouse.currentData() or ""
        h.dest_warehouse = (
            (self.dest_warehouse.currentData() or "") if self.doc_type == "DBD" else ""
        )
        h.remarks = self.remarks.text().strip()
        return h

    def save(self, then=None):
        """Saves the draft on the worker thread (a 500-line document takes a second or
        two); on refusal the banner shows every problem and the lines stay as they are.
        `then` runs after a successful save. Returns the job, or None when nothing ran."""
        if not self.editable() or self.busy:
            return None
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setFocus()  # commit the cell being typed in
        data = scanning.to_input(self.collect(), self.lines)
        doc_id = self.doc_id
        self.busy, self.stage = True, "save"
        return self.ops.run_in_background(
            lambda _progress, _stop: documents.save_draft(data, doc_id),
            title=tr("正在保存……"),
            parent=self,
            changed="documents",
            on_success=lambda doc: self._saved(doc, then),
            on_failure=self._failed,
        )

    def _saved(self, doc, then) -> None:
        self.busy = False
        self.doc_id = doc.id
        self.header.number, self.header.doc_id = doc.number, doc.id
        self.setWindowTitle(DOC_TYPES[self.doc_type].label + " - " + doc.number)
        self.banner.hide()
        self._show_state()
        self.scan.show_ok(tr("已保存 {n}").format(n=doc.number))
        self.scan.setFocus()
        if then is not None:
            then()

    def _failed(self, exc: BaseException) -> bool:
        self.busy = False
        self.scan.setFocus()
        return self._problems_in_banner(exc)

    def _problems_in_banner(self, exc: BaseException) -> bool:
        """Validation problems (saving or approving) go to the banner, all of them."""
        if isinstance(exc, ValidationError):
            self.show_problems([messages.problem_text(p) for p in exc.problems])
            return True
        return False

    def show_problems(self, texts: list[str]) -> None:
        if self.doc_id is not None and self.stage == "approve":
            head = tr("发现 {n} 个问题，单据已保存但未审核：").format(n=len(texts))
        else:
            head = tr("发现 {n} 个问题，未保存：").format(n=len(texts))
        self.banner.setText("\n".join([head, *[f"• {t}" for t in texts[:40]]]))
        self.banner.show()

    def approve(self):
        """Saves, then approves (both on the worker thread); shows the engine's messages,
        e.g. the re-valuation of later moves after a backdated document. Receiving or
        issuing an expired batch is confirmed by the user first."""
        return self.save(then=self._confirm_then_approve)

    def _confirm_then_approve(self) -> None:
        warnings = expiry.approval_warnings(self.doc_id)
        if not warnings:
            self._approve_saved()
            return
        if self.doc_type in expiry.RECEIPTS:
            ask = etr("仍然入库并审核吗？", "Receive them and approve anyway?")
        else:
            ask = etr("仍然出库并审核吗？", "Issue them and approve anyway?")
        text = "\n".join([etr("以下批次已过期：", "These batches have expired:"), *warnings, ask])
        self.question = messages.confirm(self, text)
        self.question.accepted.connect(self._approve_saved)
        self.question.rejected.connect(
            lambda: self.scan.show_error(
                etr("单据已保存，未审核", "The document is saved, not approved")
            )
        )

    def _approve_saved(self) -> None:
        doc_id = self.doc_id
        self.busy, self.stage = True, "approve"
        self.ops.run_in_background(
            lambda _progress, _stop: documents.approve(doc_id),
            title=tr("正在审核……"),
            parent=self,
            changed="documents",
            on_success=self._approved,
            on_failure=self._failed,
        )

    def _approved(self, result) -> None:
        self.busy = False
        self.approved_result = result
        self.header.status = "approved"
        self._show_state()
        notes = list(getattr(result, "messages", []) or [])
        text = "\n".join([tr("单据 {n} 已审核。").format(n=self.header.number), *notes])
        messages.info(self, text)
