"""A small editable table of rows made of line edits and combo boxes (barcodes, units,
locations). Cells are real widgets so a scanner or a test can type straight into them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.ui.i18n import tr


@dataclass(frozen=True)
class CellSpec:
    label: str
    options: tuple[str, ...] | None = None  # a combo box of these texts; None = free text


class RowTable(QWidget):
    """A table with 添加行 / 删除行 buttons; `rows()` gives the cells' texts."""

    def __init__(self, specs: list[CellSpec], parent=None):
        super().__init__(parent)
        self.specs = specs
        self.table = QTableWidget(0, len(specs))
        self.table.setHorizontalHeaderLabels([s.label for s in specs])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(120)
        self.add_button = QPushButton(tr("添加行"))
        self.remove_button = QPushButton(tr("删除行"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: list[str] | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, spec in enumerate(self.specs):
            value = values[column] if values and column < len(values) else ""
            if spec.options is not None:
                cell = QComboBox()
                cell.setEditable(True)
                cell.addItems(list(spec.options))
                cell.setEditText(value or "")
            else:
                cell = QLineEdit(value or "")
            cell.setFrame(False)  # the table's grid is the frame
            self.table.setCellWidget(row, column, cell)
        return row

    def cell(self, row: int, column: int) -> QLineEdit | QComboBox:
        return self.table.cellWidget(row, column)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        """Every row's texts, skipping rows left entirely empty."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self._text(self.cell(row, c)) for c in range(len(self.specs))]
            if any(cells):
                out.append(cells)
        return out

    @staticmethod
    def _text(widget) -> str:
        return (widget.currentText() if isinstance(widget, QComboBox) else widget.text()).strip()

    def setStyleSheet(self, style: str) -> None:  # noqa: N802 - Qt's name; marks the table
        self.table.setStyleSheet(style)
