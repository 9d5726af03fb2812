"""The lines grid of a trade form: item, unit, qty, price, VAT, amounts, scanned.

Quantity, price and tax rate are typed in place; 金额 / 税额 / 价税合计 follow every
edit through the engine's `line_amounts` (the same rounding the engine stores), and
the totals line under the grid sums the rounded lines. Each row keeps, beside the
cells, the LineInput it came from (source line, batch, remarks ...) and the base units
in one of its unit (a box of 24 → 24), so a box scan and a bottle scan count right.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget

from jxc_desktop.engine.documents import LineInput, line_amounts
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import money, qty
from jxc_desktop.ui.trade.cells import (
    cell,
    fmt_money,
    fmt_price,
    fmt_qty,
    fmt_rate,
    number,
    plain,
)

CODE, NAME, UNIT, QTY, PRICE, TAX, AMOUNT, TAX_AMOUNT, TOTAL, SCANNED = range(10)
EDITABLE = (QTY, PRICE, TAX)
FORMATS = {QTY: fmt_qty, PRICE: fmt_price, TAX: fmt_rate}


def _headers() -> list[str]:
    return [
        tr("商品编码", "Item"),
        tr("名称", "Name"),
        tr("单位", "Unit"),
        tr("数量", "Qty"),
        tr("单价", "Price"),
        tr("税率", "VAT"),
        tr("金额", "Amount"),
        tr("税额", "Tax"),
        tr("价税合计", "Total"),
        tr("已扫描", "Scanned"),
    ]


class TradeLines(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 10, parent)
        self.setObjectName("tradeLines")
        self.setHorizontalHeaderLabels(_headers())
        self.inputs: list[LineInput] = []  # per row: what the cells do not show
        self.factors: list[Decimal] = []  # per row: base units in one unit of the row
        self._busy = False
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in [(CODE, 110), (UNIT, 50), (QTY, 80), (PRICE, 90), (TAX, 55)]:
            self.setColumnWidth(col, width)
        for col in (AMOUNT, TAX_AMOUNT, TOTAL, SCANNED):
            self.setColumnWidth(col, 95 if col != SCANNED else 65)
        self.itemChanged.connect(self._edited)

    # ------------------------------------------------------------------ rows
    def add(self, code, name, line: LineInput, factor: Decimal, scanned: str = "") -> int:
        """Appends a row for `line` (item code and name shown; unit, qty, price, rate)."""
        row = self.rowCount()
        self._busy = True
        self.insertRow(row)
        values = {
            CODE: cell(code),
            NAME: cell(name),
            UNIT: cell(line.unit or ""),
            QTY: cell(fmt_qty(line.qty), True, True),
            PRICE: cell(fmt_price(line.price), True, True),
            TAX: cell(fmt_rate(line.tax_rate), True, True),
            SCANNED: cell(scanned, True),
        }
        for col in (AMOUNT, TAX_AMOUNT, TOTAL):
            values[col] = cell("", True)
        for col, item in values.items():
            self.setItem(row, col, item)
        self.inputs.append(line)
        self.factors.append(factor)
        self._busy = False
        self._recompute(row)
        return row

    def remove(self, row: int) -> None:
        self.removeRow(row)
        del self.inputs[row]
        del self.factors[row]

    def find(self, code: str, unit: str) -> int | None:
        for row in range(self.rowCount()):
            if self.text(row, CODE) == code and self.text(row, UNIT) == unit:
                return row
        return None

    def rows_of(self, code: str) -> list[int]:
        return [r for r in range(self.rowCount()) if self.text(r, CODE) == code]

    def text(self, row: int, col: int) -> str:
        return self.item(row, col).text()

    def value(self, row: int, col: int) -> Decimal:
        return number(self.text(row, col)) or Decimal(0)

    def set_value(self, row: int, col: int, text: str) -> None:
        self.item(row, col).setText(text)

    def mark_scanned(self, row: int, scanned: Decimal, wanted: Decimal) -> None:
        """The 已扫描 cell's colour: green when it matches the line, amber while short,
        red when more was scanned than the line holds."""
        color = "#d7f0d2" if scanned == wanted else "#fbe3b5" if scanned < wanted else "#f6c6c6"
        self.item(row, SCANNED).setBackground(QColor(color))

    def add_qty(self, row: int, more: Decimal) -> Decimal:
        new = qty(self.value(row, QTY) + more)
        self.set_value(row, QTY, fmt_qty(new))
        return new

    # ---------------------------------------------------------------- amounts
    def _edited(self, item) -> None:
        if self._busy or item.column() not in EDITABLE:
            return
        value = number(item.text())
        if value is not None:  # typed "13" shows "13%", "8.1" shows "8.10"
            self._busy = True
            item.setText(FORMATS[item.column()](value))
            self._busy = False
        self._recompute(item.row())

    def _recompute(self, row: int) -> None:
        amounts = self.amounts(row)
        texts = [fmt_money(v) for v in amounts] if amounts else ["", "", ""]
        self._busy = True
        for col, text in zip((AMOUNT, TAX_AMOUNT, TOTAL), texts, strict=True):
            self.item(row, col).setText(text)
        self._busy = False
        self.totals_changed()

    def amounts(self, row: int) -> tuple[Decimal, Decimal, Decimal] | None:
        """(金额, 税额, 价税合计) of a row, or None while a cell is not a number."""
        values = [number(self.text(row, col)) for col in (QTY, PRICE, TAX)]
        if any(v is None for v in values):
            return None
        got = line_amounts(values[0], values[1], values[2])
        return got.amount, got.tax, got.total

    def totals(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        """(quantity, 金额, 税额, 价税合计) over the rows that are numbers."""
        sums = [Decimal(0)] * 4
        for row in range(self.rowCount()):
            got = self.amounts(row)
            if got is not None:
                for i, v in enumerate((self.value(row, QTY), *got)):
                    sums[i] += v
        return sums[0], money(sums[1]), money(sums[2]), money(sums[3])

    def totals_changed(self) -> None:
        """Replaced by the form: refreshes its totals line."""

    # ----------------------------------------------------------------- saving
    def line_inputs(self) -> list[LineInput]:
        """The rows as the engine reads them (cells typed exactly; % and , dropped)."""
        return [
            replace(
                self.inputs[row],
                qty=plain(self.text(row, QTY)),
                price=plain(self.text(row, PRICE)),
                tax_rate=plain(self.text(row, TAX)),
            )
            for row in range(self.rowCount())
        ]
