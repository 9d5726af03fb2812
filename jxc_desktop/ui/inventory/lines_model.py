"""The document form's lines grid: a table model over the engine's DraftLines.

Cells are edited in place; numbers are parsed exactly (never float) and a refused
value leaves the cell unchanged and says why through `problem`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.inventory import batches, serials
from jxc_desktop.engine.scanning import (
    DraftLine,
    DraftLines,
    draft_line,
    item_units,
    resolve_code,
)
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.serial_dialog import count_text

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class LineColumn:
    key: str
    label: str
    kind: str = "text"  # text / qty / price / money / date / readonly / serial / hint
    width: int = 90


def columns_for(doc_type: str) -> list[LineColumn]:
    """The grid's columns for a document type (transfers get 调入库位, receipts a cost)."""
    cols = [
        LineColumn("code", tr("商品编码"), "text", 120),
        LineColumn("name", tr("商品名称"), "readonly", 170),
        LineColumn("spec", tr("规格型号"), "readonly", 90),
    ]
    if doc_type == "CBTZ":
        cols.append(LineColumn("amount", tr("调整金额"), "money", 110))
    else:
        cols += [
            LineColumn("unit", etr("单位", "Unit"), "unit", 60),
            LineColumn("qty", tr("数量"), "qty", 80),
        ]
    if doc_type in ("QCKC", "QTRK"):
        cols += [
            LineColumn("price", tr("单位成本"), "price", 90),
            LineColumn("line_amount", tr("金额"), "money_ro", 100),
        ]
    cols.append(LineColumn("location", etr("库位", "Location"), "text", 70))
    if doc_type == "DBD":
        cols.append(LineColumn("dest_location", tr("调入库位"), "text", 70))
    cols += [
        LineColumn("batch_no", tr("批次"), "text", 90),
        LineColumn("production_date", tr("生产日期"), "date", 90),
        LineColumn("expiry_date", tr("有效期至"), "date", 90),
    ]
    if doc_type in HINT_TYPES:  # which batch first-expiry-first-out will take
        at = next(i for i, c in enumerate(cols) if c.key == "batch_no") + 1
        cols.insert(at, LineColumn("fefo", etr("将出批次", "Batch to issue"), "hint", 230))
    if serials.needs_serials(doc_type):  # beside the quantity it must match
        at = next(i for i, c in enumerate(cols) if c.key == "qty") + 1
        cols.insert(at, LineColumn("serials", etr("序列号", "Serial numbers"), "serial", 150))
    return cols


# Issues whose lines may leave the batch to automatic (first-expiry-first-out) allocation.
HINT_TYPES = {"QTCK", "DBD"}
READ_ONLY_KINDS = ("readonly", "money_ro", "serial", "hint")


class LinesModel(QAbstractTableModel):
    problem = Signal(str)  # a refused edit, for the form's message line
    totals_changed = Signal()

    def __init__(self, doc_type: str, lines: DraftLines, parent=None):
        super().__init__(parent)
        self.columns = columns_for(doc_type)
        self.lines = lines
        self.read_only = False
        self.hints: list[str] = []  # the FEFO preview per row (issues), set by the form
        self.dataChanged.connect(lambda *_a: self.totals_changed.emit())
        self.modelReset.connect(self.totals_changed.emit)
        self.rowsInserted.connect(lambda *_a: self.totals_changed.emit())
        self.rowsRemoved.connect(lambda *_a: self.totals_changed.emit())

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].label
        return str(section + 1)

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self.read_only or column.kind in READ_ONLY_KINDS:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = self.columns[index.column()]
        if column.kind in ("serial", "hint"):
            return self._extra(index.row(), line, column, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (
            "qty",
            "price",
            "money",
            "money_ro",
        ):
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and column.kind in ("readonly", "money_ro"):
            return QColor("#f6f8fa")
        return None

    def _extra(self, row: int, line: DraftLine, column: LineColumn, role):
        """The 序列号 cell (serials or "已录 n / 应录 m" in orange) and the FEFO hint."""
        if column.kind == "hint":
            hint = self.hints[row] if row < len(self.hints) else ""
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return hint
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#57606a")
            return None
        if not line.serial_managed:
            return None
        wanted = money.qty(line.qty * line.factor)
        complete = len(line.serials) == wanted
        if role == Qt.ItemDataRole.DisplayRole:
            if not complete or not line.serials:
                return count_text(len(line.serials), wanted)
            return "、".join(line.serials[:3]) + ("…" if len(line.serials) > 3 else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(line.serials) or etr(
                "双击或按“序列号”按钮录入", "Double-click or press 序列号 to enter them"
            )
        if role == Qt.ItemDataRole.ForegroundRole and not complete:
            return QColor("#b35900")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#f6f8fa")
        return None

    @staticmethod
    def _text(line: DraftLine, column: LineColumn) -> str:
        value = getattr(line, column.key)
        if value is None:
            return ""
        if column.kind == "qty":
            return money.format_qty(value)
        if column.kind == "price":
            return money.format_money(value, max(2, money.places_of(value)))
        if column.kind in ("money", "money_ro"):
            return money.format_money(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.lines[index.row()]
        column = self.columns[index.column()]
        error = self._apply(line, column, str(value or "").strip())
        if error:
            self.problem.emit(error)
            return False
        self.lines.reindex()  # item or unit may have changed
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1)
        )
        return True

    def _apply(self, line: DraftLine, column: LineColumn, text: str) -> str:
        """Sets one cell from typed text; returns an error message or ""."""
        key = column.key
        if key == "code":
            return self._set_item(line, text)
        if key == "unit":
            return self._set_unit(line, text)
        if column.kind in ("qty", "price", "money"):
            return self._set_number(line, column, text)
        if key == "batch_no":
            return self._set_batch(line, text)
        if column.kind == "date":
            previous = line.production_date
            error = self._set_date(line, key, text)
            if not error and key == "production_date":
                line.fill_expiry(previous)  # 有效期至 follows 生产日期 + shelf life
            return error
        setattr(line, key, text)
        return ""

    def _set_item(self, line: DraftLine, text: str) -> str:
        """Another item on this line: its name, unit and (for receipts) its own cost."""
        found = resolve_code(text.split()[0] if text else "")
        if isinstance(found, str):
            return found
        fresh = draft_line(*found, with_price=line.price is not None)
        keys = ("item_id", "code", "name", "spec", "unit_id", "unit", "factor", "price")
        flags = ("batch_managed", "serial_managed", "shelf_life_days", "serials")
        for key in keys + flags:
            setattr(line, key, getattr(fresh, key))
        line.fill_expiry()
        return ""

    def _set_unit(self, line: DraftLine, text: str) -> str:
        units = dict(item_units(line.item_id))
        if text not in units:
            return tr("“{u}”不是该商品的单位，可选：{all}").format(u=text, all="、".join(units))
        new = units[text]
        if line.price is not None and line.factor:
            line.price = money.price(line.price / line.factor * new)  # same cost per piece
        from jxc_desktop.models.masterdata import Unit

        line.unit, line.unit_id, line.factor = text, Unit.get(Unit.name == text).id, new
        return ""

    @staticmethod
    def _set_number(line: DraftLine, column: LineColumn, text: str) -> str:
        places = {"qty": money.QTY_PLACES, "price": money.PRICE_PLACES}.get(column.kind, 2)
        try:
            value = money.D(text) if text else None
        except money.NotExactNumber:
            return tr("“{t}”不是有效的数字").format(t=text)
        negative = value is not None and value < 0 and column.kind != "money"
        if value is not None and (negative or money.places_of(value) > places):
            return tr("“{t}”无效：不能为负，最多 {p} 位小数").format(t=text, p=places)
        if column.kind == "qty" and value is None:
            value = money.D(0)
        setattr(line, column.key, value)
        return ""

    @staticmethod
    def _set_batch(line: DraftLine, text: str) -> str:
        """A batch already in the books brings its dates (they are the batch's, kept from
        its first receipt), so the line and its labels carry them."""
        line.batch_no = text
        known = batches.batch_dates(line.item_id, text) if text and line.batch_managed else None
        if known is not None:
            line.production_date, line.expiry_date = known
        return ""

    @staticmethod
    def _set_date(line: DraftLine, key: str, text: str) -> str:
        try:
            setattr(line, key, dt.date.fromisoformat(text) if text else None)
        except ValueError:
            return tr("日期“{t}”无效，请按 YYYY-MM-DD 输入").format(t=text)
        return ""

    # -- whole rows -----------------------------------------------------------------------
    def row_added(self, row: int) -> None:
        """A scan appended line `row` to the lines."""
        self.beginInsertRows(QModelIndex(), row, row)
        self.endInsertRows()

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines.lines[row]
            self.lines.reindex()
            self.endRemoveRows()
