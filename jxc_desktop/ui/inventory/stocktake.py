"""盘点: create a stocktake for a scope, then count it by scanner or keyboard.

The counting screen is a draft 盘点单, so counting can stop and resume any day. Each
scan (`5*code` counts five) goes straight to the engine's `stocktake.count`; typing a
number in the 实盘数量 cell sets that line's count. The variance list shows book,
counted, difference and its value; lines never counted are marked 未盘 and post nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from jxc_desktop.engine import documents, money, scanning, stocktake_view
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.inventory import stocktake, stocktake_rebase
from jxc_desktop.models.masterdata import Item
from jxc_desktop.ui import choices, messages
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.doc_list_support import qdate
from jxc_desktop.ui.inventory.scan_field import ScanField
from jxc_desktop.ui.ops import Ops

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
UNCOUNTED = QColor("#9a6700")
GAIN, LOSS = QColor("#1a7f37"), QColor("#cf222e")


class CreateStocktakeDialog(QDialog):
    """The scope of a new stocktake: warehouse, optional location and category."""

    created = Signal(int)

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(tr("新建盘点单"))
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("stWarehouse")
        for code, name in choices.warehouses():
            self.warehouse.addItem(f"{code}  {name}", code)
        self.location = QLineEdit()
        self.location.setObjectName("stLocation")
        self.location.setPlaceholderText(tr("可选：只盘这个库位"))
        self.category = QComboBox()
        self.category.setObjectName("stCategory")
        self.category.addItem(tr("全部分类"), None)
        for code, name in choices.categories():
            self.category.addItem(f"{code}  {name}", code)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("stDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(tr("仓库："), self.warehouse)
        form.addRow(tr("库位："), self.location)
        form.addRow(tr("商品分类："), self.category)
        form.addRow(tr("盘点日期："), self.date)
        note = QLabel(tr("创建时冻结账面数量；之后可分多次扫描盘点，未盘的行不做调整。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("创建并开始盘点"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def create(self):
        """Freezes the book quantities on the worker thread (a big warehouse takes a
        moment), then opens the counting screen. Returns the job."""
        warehouse = self.warehouse.currentData()
        location = self.location.text().strip() or None
        category = self.category.currentData()
        day = qdate(self.date.date())
        self.setEnabled(False)  # one click, one stocktake
        return self.ops.run_in_background(
            lambda _p, _s: stocktake.create_stocktake(warehouse, day, location, category).id,
            title=tr("正在冻结账面数量……"),
            parent=self,
            changed="documents",
            on_success=self._created,
            on_failure=lambda _exc: self.setEnabled(True) or False,
        )

    def _created(self, doc_id: int) -> None:
        self.accept()
        self.created.emit(doc_id)


VARIANCE_COLUMNS = [
    ("line", "行号", "int", 50),
    ("item", "商品编码", "text", 120),
    ("name", "商品名称", "text", 180),
    ("spec", "规格型号", "text", 110),
    ("location", "库位", "text", 70),
    ("batch", "批次", "text", 90),
    ("book_qty", "账面数量", "qty", 90),
    ("counted_qty", "实盘数量", "qty", 90),
    ("diff_qty", "盈亏数量", "qty", 90),
    ("diff_value", "盈亏金额", "money", 100),
]


NAME_COLUMN = [c[0] for c in VARIANCE_COLUMNS].index("name")


def variance_labels() -> dict[str, str]:
    return {
        "line": tr("行号"),
        "item": tr("商品编码"),
        "name": tr("商品名称"),
        "spec": etr("规格型号", "Specification"),
        "location": etr("库位", "Location"),
        "batch": tr("批次"),
        "book_qty": tr("账面数量"),
        "counted_qty": tr("实盘数量"),
        "diff_qty": tr("盈亏数量"),
        "diff_value": tr("盈亏金额"),
    }


def _with_spec(rows: list[dict]) -> list[dict]:
    """The rows with their items' 规格型号 (what tells two similar items apart)."""
    codes = sorted({r["item"] for r in rows})
    specs: dict[str, str] = {}
    for start in range(0, len(codes), 500):  # bounded IN lists on any database
        query = Item.select(Item.code, Item.spec).where(Item.code.in_(codes[start : start + 500]))
        specs.update(query.tuples())
    for row in rows:
        row["spec"] = specs.get(row["item"], "")
    return rows


class VarianceModel(QAbstractTableModel):
    """The variance list; 实盘数量 is editable (a typed count replaces the line's count)."""

    count_typed = Signal(int, str)  # row, text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.editable = True
        self.labels = variance_labels()

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(VARIANCE_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.labels[VARIANCE_COLUMNS[section][0]]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and VARIANCE_COLUMNS[index.column()][0] == "counted_qty":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key, _label, kind, _w = VARIANCE_COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, key, kind, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in ("qty", "money", "int"):
            return RIGHT
        changed = key == "book_qty" and row.get("book_now") is not None
        if role == Qt.ItemDataRole.ToolTipRole and changed:
            return etr(
                "冻结后有早于盘点日期的单据改变了账面：冻结 {f}，当前 {c}",
                "A document dated before the stocktake changed the book after the freeze: "
                "frozen {f}, now {c}",
                f=money.format_qty(row["book_qty"]),
                c=money.format_qty(row["book_now"]),
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if changed:
                return LOSS
            if not row["counted"] and key == "counted_qty":
                return UNCOUNTED
            if key in ("diff_qty", "diff_value") and row["diff_qty"]:
                return GAIN if row["diff_qty"] > 0 else LOSS
        return None

    @staticmethod
    def _text(row: dict, key: str, kind: str, editing: bool) -> str:
        value = row.get(key)
        if key == "counted_qty" and not row["counted"]:
            return "" if editing else tr("未盘")
        if key in ("diff_qty", "diff_value") and not row["counted"]:
            return ""  # nothing is posted for it (the printed paper leaves it blank too)
        if value is None:
            return ""
        if key == "book_qty" and row.get("book_now") is not None:  # frozen → current
            return f"{money.format_qty(value)} → {money.format_qty(row['book_now'])}"
        if kind == "qty":
            return money.format_qty(value)
        if kind == "money":
            return money.format_money(value)
        return str(value)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role == Qt.ItemDataRole.EditRole and str(value).strip():
            self.count_typed.emit(index.row(), str(value).strip())
            return True
        return False


class StocktakeDialog(QDialog):
    """The counting screen of one draft 盘点单 (and its variance list once approved)."""

    def __init__(self, ops: Ops, doc_id: int, parent=None):
        super().__init__(parent)
        self.ops, self.doc_id = ops, doc_id
        self.doc = documents.get_document(doc_id)
        self.setObjectName("stocktakeDialog")
        self.setWindowTitle(tr("盘点") + " - " + self.doc.number)
        self.resize(1000, 640)
        self.info = QLabel()
        self.info.setObjectName("stocktakeInfo")
        self.scan = ScanField()
        self.scan.scanned.connect(self.on_scan)
        self.location = QComboBox()
        self.location.setObjectName("countLocation")
        self.location.addItem(tr("（无库位）"), None)
        for code, name in stocktake_view.locations(doc_id):
            self.location.addItem(f"{code}  {name}" if name and name != code else code, code)
        self.location.setMinimumWidth(160)
        self.location.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays on the scanner
        self.location.activated.connect(lambda _i: self.scan.setFocus())
        self.batch = QLineEdit()
        self.batch.setObjectName("countBatch")
        self.batch.setPlaceholderText(tr("批次号"))
        self.batch.setMaximumWidth(140)
        self.batch.returnPressed.connect(self._batch_entered)
        self.pending: str | None = None  # a batch item's scan waiting for its batch
        self.model = VarianceModel(self)
        self.model.count_typed.connect(self.type_count)
        self.table = QTableView()
        self.table.setObjectName("varianceTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # the name column takes the spare width
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.summary = QLabel()
        self.summary.setObjectName("varianceSummary")
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(QLabel(tr("正在盘点库位：")))
        top.addWidget(self.location)
        top.addWidget(QLabel(tr("批次：")))
        top.addWidget(self.batch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scan)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(self._buttons())
        self.reload()
        self._preselect_location()
        self.scan.setFocus()

    def _preselect_location(self) -> None:
        """A stocktake of one location counts in that location from the first scan."""
        codes = {row["location"] for row in self.model.rows}
        if len(codes) == 1 and "" not in codes:
            self.location.setCurrentIndex(max(0, self.location.findData(codes.pop())))

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in [
            ("refresh", tr("刷新"), self.reload),
            ("rebase", etr("重新冻结账面", "Re-base the book"), self.rebase),
            ("approve", tr("审核（过账盘盈盘亏）"), self.approve),
            ("close", tr("关闭（可稍后继续盘点）"), self.reject),
        ]:
            button = QPushButton(text)
            button.setObjectName(f"btn_{name}")
            button.setAutoDefault(False)  # Enter belongs to the scanner field
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        return row

    def reload(self) -> None:
        """Re-reads the whole variance list and the document's state."""
        ok, rows = self.ops.run(lambda: stocktake_view.variance_rows(self.doc_id), parent=self)
        if not ok:
            return
        self.doc = documents.get_document(self.doc_id)
        draft = self.doc.status == "draft"
        self.model.editable = draft
        self.scan.setVisible(draft)
        self.location.setEnabled(draft)
        self.buttons["approve"].setEnabled(draft)
        self.model.set_rows(_with_spec(rows))
        self.fit_columns()
        self.buttons["rebase"].setVisible(draft and self.changed_lines() > 0)
        self.info.setText(
            tr("{n}    仓库 {w}    日期 {d}    状态 {s}").format(
                n=self.doc.number,
                w=f"{self.doc.warehouse.code} {self.doc.warehouse.name}",
                d=self.doc.date.isoformat(),
                s={"draft": tr("草稿"), "approved": tr("已审核"), "void": tr("作废")}[
                    self.doc.status
                ],
            )
        )
        self.update_summary()

    def fit_columns(self) -> None:
        """Every column as wide as its header and widest cell (at least its preset
        width), so 盈亏金额 and long quantities are never cut off; 商品名称 stretches."""
        self.table.resizeColumnsToContents()
        for i, (_k, _l, _kind, width) in enumerate(VARIANCE_COLUMNS):
            if i != NAME_COLUMN:
                self.table.setColumnWidth(i, max(width, self.table.columnWidth(i) + 12))

    def update_summary(self) -> None:
        rows = self.model.rows
        counted = sum(1 for r in rows if r["counted"])
        gain = sum((r["diff_value"] for r in rows if r["diff_value"] > 0), money.D(0))
        loss = sum((r["diff_value"] for r in rows if r["diff_value"] < 0), money.D(0))
        self.summary.setText(
            tr("共 {n} 行，已盘 {c} 行，未盘 {u} 行    盘盈 {g}    盘亏 {l}").format(
                n=len(rows),
                c=counted,
                u=len(rows) - counted,
                g=money.format_money(gain),
                l=money.format_money(-loss),
            )
            + self._changed_note()
        )

    def _changed_note(self) -> str:
        k = self.changed_lines()
        if not k:
            return ""
        return "    " + etr(
            "{k} 行冻结后账面已变（可“重新冻结账面”）",
            "{k} lines changed on the book after the freeze (re-base to use the current book)",
            k=k,
        )

    def changed_lines(self) -> int:
        return sum(1 for r in self.model.rows if r.get("book_now") is not None)

    def rebase(self) -> None:
        """Sets the changed lines' book to the current one (counts kept)."""
        ok, changes = self.ops.run(
            lambda: stocktake_rebase.rebase(self.doc_id), parent=self, changed="documents"
        )
        if ok:
            self.reload()
            messages.info(
                self,
                etr(
                    "已重新冻结 {k} 行的账面数量", "Re-based the book of {k} lines", k=len(changes)
                ),
            )

    def refresh_line(self, line_id: int) -> int:
        """Re-reads one counted line (a scan touches one row) and returns its row number."""
        fresh = _with_spec(stocktake_view.variance_rows(self.doc_id, [line_id]))[0]
        rows = self.model.rows
        for n, row in enumerate(rows):
            if row["line_id"] == line_id:
                rows[n] = fresh
                self.model.dataChanged.emit(
                    self.model.index(n, 0), self.model.index(n, self.model.columnCount() - 1)
                )
                break
        else:  # an item that was not on the book: a new line at the end
            n = len(rows)
            self.model.beginInsertRows(QModelIndex(), n, n)
            rows.append(fresh)
            self.model.endInsertRows()
        self.update_summary()
        self.table.selectRow(n)
        self.table.scrollTo(self.model.index(n, 0))
        return n

    def on_scan(self, text: str) -> None:
        parsed = scanning.parse_scan(text)
        if not parsed.ok:
            self.scan.show_error(parsed.error)
            return
        found = scanning.resolve_code(parsed.code)
        if isinstance(found, str):
            self.scan.show_error(found)  # unknown / bad check digit: nothing counted
            return
        location = self.location.currentData()
        # Batch-managed items are counted per batch (the one typed beside the scanner).
        batch = self.batch.text().strip() if found[0].batch_managed else ""
        self.pending = None
        ok, line = self.ops.run(
            lambda: stocktake.count(self.doc_id, parsed.code, parsed.qty, location, batch),
            on_failure=lambda exc: self._count_refused(exc, text, found[0], batch),
        )
        if ok:
            self.refresh_line(line.id)
            self.scan.show_ok(
                tr("{c} {name} +{q}，已盘 {t}").format(
                    c=line.item.code,
                    name=line.item.name,
                    q=money.format_qty(parsed.qty),
                    t=money.format_qty(line.base_qty),
                )
            )
        if self.pending is None:
            self.scan.setFocus()

    def _count_refused(self, exc, text: str, item, batch: str) -> bool:
        """Shows why a scan was not counted. A batch item scanned without a batch asks
        for it: the batch field takes the focus and Enter there counts the same scan."""
        message = str(getattr(exc, "message", exc))
        if item.batch_managed and not batch:
            self.pending = text
            message += etr(
                "；在“批次”中输入后按回车即计入这次扫描",
                "; type it under Batch and press Enter to count this scan",
            )
        self.scan.show_error(message)
        if self.pending:
            self.batch.setFocus()
            self.batch.selectAll()
        return True

    def _batch_entered(self) -> None:
        """Enter in the batch field: counts the scan that waited for a batch, if any."""
        pending, self.pending = self.pending, None
        if pending and self.batch.text().strip():
            self.on_scan(pending)
        else:
            self.scan.setFocus()

    def type_count(self, row_no: int, text: str) -> None:
        """A typed count replaces the line's counted quantity."""
        row = self.model.rows[row_no]
        try:
            qty = money.D(text)
        except money.NotExactNumber:
            self.scan.show_error(tr("“{t}”不是有效的数字").format(t=text))
            return
        ok, _line = self.ops.run(
            lambda: stocktake.count(
                self.doc_id, row["item"], qty, row["location"] or None, row["batch"], replace=True
            ),
            parent=self,
            changed="documents",
        )
        if ok:
            self.refresh_line(row["line_id"])

    def uncounted(self) -> int:
        return sum(1 for r in self.model.rows if not r["counted"])

    def approve(self, confirmed: bool = False):
        """Posts 盘盈 / 盘亏 on the worker thread; returns the job. Lines never counted
        post nothing: with any left, the user confirms first (returns the question)."""
        left = self.uncounted()
        if left and not confirmed:
            self.question = messages.confirm(
                self,
                etr(
                    "还有 {u} 行未盘（共 {n} 行）。未盘的行不过账盘盈盘亏，按账面不变处理。"
                    "\n确定审核吗？",
                    "{u} of {n} lines are not counted. Uncounted lines post no gain or loss "
                    "(the book stays).\nApprove anyway?",
                    u=left,
                    n=len(self.model.rows),
                ),
            )
            self.question.accepted.connect(lambda: self.approve(confirmed=True))
            return self.question
        doc_id = self.doc_id
        self.buttons["approve"].setEnabled(False)
        return self.ops.run_in_background(
            lambda _p, _s: documents.approve(doc_id),
            title=tr("正在审核……"),
            parent=self,
            changed="documents",
            on_success=self._approved,
            on_failure=lambda _exc: self.buttons["approve"].setEnabled(True) or False,
        )

    def _approved(self, result) -> None:
        self.reload()
        notes = list(getattr(result, "messages", []) or [])
        messages.info(self, "\n".join([tr("盘点单已审核，盘盈盘亏已过账。"), *notes]))

    def reject(self) -> None:
        if self.ops.busy():
            self.scan.show_error(tr("正在处理，请稍候再关闭"))
            return
        super().reject()
