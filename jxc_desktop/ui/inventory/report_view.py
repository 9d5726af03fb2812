"""Any report as a table with the filters it reads (engine/reports/filters.py).

The report runs on the worker thread (a big ledger can take a while) and the rows come
back as plain dicts; double-clicking a row emits `row_activated` for the drill-down.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.reports import ReportParams, load_all
from jxc_desktop.engine.reports.display import (
    cell_text,
    column_places,
    display_rows,
    has_label_beside,
    is_empty_column,
    is_summary,
)
from jxc_desktop.engine.reports.display import display_columns as _display_columns
from jxc_desktop.engine.reports.filters import Option, filters_of
from jxc_desktop.engine.reports.output import to_xlsx
from jxc_desktop.ui import choices, messages
from jxc_desktop.ui.column_fit import FIT_LIMIT, FIT_SAMPLE, fit_column
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.inventory.doc_list_support import open_file, pdf_path, qdate
from jxc_desktop.ui.inventory.flow_layout import FlowLayout, pair
from jxc_desktop.ui.ops import Ops

NUMERIC = {"money", "qty", "price", "rate", "int"}
# narrow enough that a 17-column ledger keeps its quantities and values on a 1500 px
# screen; long names are elided (…) and shown whole in the tooltip
WIDTHS = {
    "money": 96,
    "qty": 76,
    "price": 84,
    "rate": 80,
    "int": 64,
    "date": 88,
    "bool": 56,
    "time": 64,
    "item": 80,
    "name": 130,
    "number": 136,
    "location": 64,
    "batch": 84,
    "warehouse_label": 84,
    "type_label": 76,
}
# columns of words sized to their longest word (ui/column_fit.py): document numbers,
# names, units and warehouses take the width their words need, no more, no less, so the
# quantities and amounts stay on screen; "Purchase receipt" is never cut to "Purchase …"
FIT_TO_WORDS = ("text",)  # column kinds
FEW_COLUMNS = 5  # a report this narrow lets its words run to twice FIT_LIMIT
SUMMARY_BRUSH = QBrush(QColor("#eef2f7"))


def price_text(value: Decimal) -> str:
    """A unit price or cost for the eye: 2 to 4 decimals, no trailing-zero noise
    (28.775000 → 28.775, 72 → 72.00); the report and its JSON keep all 6."""
    places = min(4, max(2, money.places_of(value.normalize())))
    return money.format_money(money.quantize(value, places), places)


class RowsModel(QAbstractTableModel):
    """Report rows as the screen shows them: summary rows bold on a tinted ground, one
    number of decimals per column (display.column_places)."""

    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict] = []
        self.places: dict[str, int] = {}
        self.extremes: dict[str, tuple] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(
        self, rows: list[dict], places: dict[str, int] | None = None, extremes=None
    ) -> None:
        """Shows `rows` (summary rows included); `places` and `extremes` when already
        worked out on the worker thread (0.7 s for a 200,000-row ledger)."""
        self.beginResetModel()
        self.rows = rows
        self.places = column_places(self.columns, rows) if places is None else places
        if extremes is None:
            extremes = column_extremes(self.columns, rows, self.places)
        self.extremes: dict[str, tuple] = extremes
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].label
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(column, row.get(column.key), self.places)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_summary(row):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and is_summary(row):
            return SUMMARY_BRUSH
        return None

    def data_rows(self) -> list[dict]:
        """The report's own rows (the summary rows left out)."""
        return [r for r in self.rows if not is_summary(r)]


def column_extremes(columns, rows: list[dict], places: dict[str, int]) -> dict[str, tuple]:
    """Each number column's largest and smallest values as shown, (plain, bold): the
    report's own rows and its summary rows (shown in bold) apart. Digits are all one
    width, so these are the column's widest texts. Worked out on the worker thread with
    the decimals (0.4 s for a 200,000-row ledger)."""
    plain = [row for row in rows if not is_summary(row)]
    bold = [row for row in rows if is_summary(row)]
    return {
        c.key: (_widest_figures(c, plain, places), _widest_figures(c, bold, places))
        for c in columns
        if c.kind in NUMERIC
    }


def _widest_figures(column, rows: list[dict], places: dict[str, int]) -> list[str]:
    values = [row.get(column.key) for row in rows]
    values = [v for v in values if isinstance(v, Decimal | int) and not isinstance(v, bool)]
    if not values:
        return []
    return [cell_text(column, max(values), places), cell_text(column, min(values), places)]


def display_columns(columns, name: str | None = None) -> list:
    """The columns a screen shows: a code with its label beside it is left out
    (engine/reports/display.py, kept here for the pages that import it)."""
    return _display_columns(columns, name)


def _prepared(report, params: ReportParams) -> tuple[int, list[dict], dict[str, int], dict]:
    """On the worker: the report's rows, with its summary rows, each column's decimals
    (display.py) and widest figures, and how many rows the report itself has."""
    rows = report.run(params)
    shown = display_rows(report.name, rows, params)
    places = column_places(report.columns, shown)
    return len(rows), shown, places, column_extremes(report.columns, shown, places)


class ReportView(QWidget):
    row_activated = Signal(dict)

    def __init__(self, ops: Ops, report_name: str, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.report = load_all()[report_name]
        self.spec = filters_of(report_name)
        self.params = ReportParams()
        self.last_pdf: str | None = None
        self._ran = False
        self.model = RowsModel(self.report.columns, self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._arrange_columns()
        self.table.activated.connect(self._activated)
        self.count = QLabel()
        self.count.setObjectName("reportCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._filters())
        self.hint = QLabel(self._hint_text())
        self.hint.setObjectName("reportHint")
        self.hint.setStyleSheet("color: #666; padding: 6px;")
        self.hint.setVisible(not self.spec.auto_run)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def _arrange_columns(self) -> None:
        """Widths by kind, codes with words beside them hidden, the report's rarely
        filled columns moved to the end (display.py), so quantities and values show."""
        columns = self.report.columns
        keys = {c.key for c in columns}
        header = self.table.horizontalHeader()
        for i, column in enumerate(columns):
            width = WIDTHS.get(column.key) or WIDTHS.get(column.kind, 100)
            # never narrower than its heading ("Document type" is wider than 单据类型)
            self.table.setColumnWidth(i, max(width, header.sectionSizeFromContents(i).width()))
            self.table.setColumnHidden(i, has_label_beside(column.key, keys))
        order = [c.key for c in _display_columns(columns, self.report.name)]
        shown = [i for i, c in enumerate(columns) if c.key in order]
        for visual, key in enumerate(order):
            logical = next(i for i in shown if columns[i].key == key)
            header.moveSection(header.visualIndex(logical), visual)

    def _fit_word_columns(self) -> None:
        """Each FIT_TO_WORDS column as wide as its longest word in the rows shown, each
        number column as wide as its widest figure (within FIT_LIMIT, never narrower
        than its heading): the amounts stay on a 1200 px screen and none is cut."""
        rows = self.model.rows
        sample = rows[:FIT_SAMPLE] + rows[FIT_SAMPLE:][-5:]  # and the totals at the end
        plain = [r for r in sample if not is_summary(r)]
        bold = [r for r in sample if is_summary(r)]  # opening, subtotal and total rows
        keys = {c.key for c in self.report.columns}
        shown = [c for c in self.report.columns if not has_label_beside(c.key, keys)]
        # a statement (行次, 项目, two amounts) has the room for its long line names
        limit = FIT_LIMIT * 2 if len(shown) <= FEW_COLUMNS else FIT_LIMIT
        for i, column in enumerate(self.report.columns):
            if has_label_beside(column.key, keys):
                continue
            if column.kind in FIT_TO_WORDS:
                texts = [cell_text(column, r.get(column.key)) for r in plain]
                heavy = [cell_text(column, r.get(column.key)) for r in bold]
            elif column.kind in NUMERIC:
                texts, heavy = self.model.extremes.get(column.key, ([], []))
            else:
                continue
            fit_column(self.table, i, texts, heavy, limit)

    def _fit_empty_columns(self) -> None:
        """Text and flag columns empty in every row (no batches, no external numbers)
        are hidden after a query; they come back when a query fills them."""
        columns = self.report.columns
        keys = {c.key for c in columns}
        rows = self.model.data_rows()
        candidates = [i for i, c in enumerate(columns) if not has_label_beside(c.key, keys)]
        # shown first, then hidden: hiding a section already hidden before the model's
        # reset left its old width in the header's layout (a blank band, no heading)
        for i in candidates:
            self.table.setColumnHidden(i, False)
        for i in candidates:
            self.table.setColumnHidden(i, is_empty_column(columns[i], rows))
        # the last column takes the spare width only when it is text: a stretched
        # number column would set its figures far from the rest of the row
        header = self.table.horizontalHeader()
        shown = [i for i in range(len(columns)) if not header.isSectionHidden(i)]
        last = max(shown, key=header.visualIndex, default=None)
        header.setStretchLastSection(last is not None and columns[last].kind == "text")

    def _activated(self, index) -> None:
        row = self.model.rows[index.row()]
        if not is_summary(row):  # an opening or subtotal row is no document to open
            self.row_activated.emit(row)

    def _filters(self) -> FlowLayout:
        """The filter bar: only the filters this report reads (engine/reports/filters.py),
        wrapping onto a second row rather than squeezing a field on a narrow window."""
        spec = self.spec
        today = QDate.currentDate()
        self.item = QLineEdit()
        self.item.setObjectName("reportItem")
        self.item.setPlaceholderText(tr("商品编码或条码"))
        self.item.setMinimumWidth(150)
        self.item.setMaximumWidth(220)
        self.item.returnPressed.connect(self.run)
        self.warehouse = QComboBox()
        self.warehouse.setObjectName("reportWarehouse")
        self.fill_warehouses()
        self.partner = QLineEdit()
        self.partner.setObjectName("reportPartner")
        self.partner.setPlaceholderText(etr("往来单位编码", "Partner code"))
        self.partner.setMinimumWidth(120)
        self.partner.setMaximumWidth(150)
        self.partner.returnPressed.connect(self.run)
        self.use_from = QCheckBox(tr("从"))
        self.date_from = QDateEdit(QDate(today.year(), today.month(), 1))
        self.use_to = QCheckBox(tr("截至") if "as_of" in spec.keys else tr("到"))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        if "period" in spec.keys:  # a period report needs both ends: this month to date
            self.use_from.setChecked(True)
            self.use_to.setChecked(True)
        row = FlowLayout()
        if "item" in spec.keys:
            row.addWidget(pair(QLabel(tr("商品：")), self.item))
        if "warehouse" in spec.keys:
            row.addWidget(pair(QLabel(tr("仓库：")), self.warehouse))
        if "partner" in spec.keys:
            row.addWidget(pair(QLabel(etr("往来单位：", "Partner:")), self.partner))
        if {"dates", "period"} & set(spec.keys):
            row.addWidget(pair(self.use_from, self.date_from))
        if {"dates", "period", "as_of"} & set(spec.keys):
            row.addWidget(pair(self.use_to, self.date_to))
        self.options: dict[str, QComboBox | QLineEdit] = {}
        for option in spec.options:
            label = QLabel(option.label + etr("：", ":"))
            row.addWidget(pair(label, self._option_widget(option)))
        buttons = []
        for name, text, slot in [
            ("run", tr("查询"), self.run),
            ("export", tr("导出 Excel"), self.export),
            ("print", tr("打印 PDF"), self.print_pdf),
        ]:
            button = QPushButton(text)
            button.setObjectName(f"btn_{name}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            buttons.append(button)
        self.actions_box = pair(*buttons)  # AlertsView adds its own action
        row.addWidget(self.actions_box)
        row.addWidget(self.count)  # apart: a new count never squeezes the buttons
        self.filter_bar = row
        return row

    def _option_widget(self, option: Option):
        if option.choices:
            widget = QComboBox()
            for value, zh, en in option.choices:
                widget.addItem(etr(zh, en), value)
            widget.setCurrentIndex(max(0, widget.findData(option.default)))
        else:
            widget = QLineEdit(option.default)
            widget.setMaximumWidth(120)
            widget.returnPressed.connect(self.run)
        widget.setObjectName(f"reportOption_{option.key}")
        self.options[option.key] = widget
        return widget

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A report fills itself when first shown unless it needs a choice first (a
        partner's statement, an item's MRP record) or may be large (the ledgers)."""
        super().showEvent(event)
        if self.spec.auto_run and not self._ran:
            self.run()

    def fill_warehouses(self) -> None:
        chosen = self.warehouse.currentData()
        self.warehouse.clear()
        self.warehouse.addItem(tr("全部仓库"), None)
        for code, name in choices.warehouses():
            self.warehouse.addItem(f"{code}  {name}", code)
        self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(chosen)))

    def set_dates(self, start: dt.date | None, end: dt.date | None) -> None:
        """From and to (None: that end unset), as a link from elsewhere asks (首页)."""
        for use, edit, day in (
            (self.use_from, self.date_from, start),
            (self.use_to, self.date_to, end),
        ):
            use.setChecked(day is not None)
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))

    def set_filters(self, item: str = "", warehouse: str | None = None) -> None:
        self.item.setText(item)
        self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(warehouse)))

    def current_params(self) -> ReportParams:
        return ReportParams(
            date_from=qdate(self.date_from.date()) if self.use_from.isChecked() else None,
            date_to=qdate(self.date_to.date()) if self.use_to.isChecked() else None,
            item=self.item.text().strip() or None,
            warehouse=self.warehouse.currentData(),
            partner=self.partner.text().strip() or None,
            extra=self.option_values(),
        )

    def option_values(self) -> dict[str, str]:
        values = {}
        for key, widget in self.options.items():
            value = widget.currentData() if isinstance(widget, QComboBox) else widget.text()
            if value and str(value).strip():
                values[key] = str(value).strip()
        return values

    def _hint_text(self, missing: tuple[str, ...] = ()) -> str:
        names = {
            "item": etr("商品", "an item"),
            "partner": etr("往来单位", "a partner"),
        }
        wanted = missing or self.spec.required
        if wanted:
            what = etr("、", ", ").join(names.get(k, k) for k in wanted)
            return etr("请先填写{w}，再点击“查询”。", "Enter {w}, then press Run.", w=what)
        return etr("设置条件后点击“查询”。", "Set the filters, then press Run.")

    def missing_filters(self) -> tuple[str, ...]:
        """Required filters left empty: the report would have nothing to show."""
        values = {"item": self.item.text().strip(), "partner": self.partner.text().strip()}
        return tuple(k for k in self.spec.required if not values.get(k))

    def run(self):
        """Runs the report on the worker thread and shows its rows."""
        missing = self.missing_filters()
        if missing:  # say what to fill in rather than let the engine refuse
            self.hint.setText(self._hint_text(missing))
            self.hint.setVisible(True)
            return None
        self._ran = True
        self.hint.setVisible(False)
        params = self.current_params()
        report = self.report
        return self.ops.run_in_background(
            lambda _p, _s: _prepared(report, params),
            title=tr("正在查询……"),
            parent=self,
            on_success=lambda prepared: self._show(params, *prepared),
        )

    def _show(self, params: ReportParams, count: int, shown: list[dict], places, extremes=None):
        self.params = params
        self.model.set_rows(shown, places, extremes)
        self._fit_word_columns()
        self._fit_empty_columns()
        # once more after the header's own deferred re-layout of the model reset, which
        # would otherwise leave hidden columns' old widths as a blank band
        QTimer.singleShot(0, self, self._fit_empty_columns)
        self.count.setText(tr("共 {n} 条").format(n=f"{count:,}"))

    def export(self, path: str | None = None):
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("导出 Excel"), f"{self.report.name}.xlsx", "Excel (*.xlsx)"
            )
        if not path:
            return None
        report, rows, params = self.report, self.model.data_rows(), self.params
        return self.ops.run_in_background(
            lambda _p, _s: to_xlsx(
                report.columns, rows, path, report.title, report=report, params=params, heading=True
            ),
            title=tr("正在导出……"),
            parent=self,
            on_success=lambda _r: messages.info(self, tr("已导出到 {p}").format(p=path)),
        )

    def print_pdf(self, path: str | None = None):
        from jxc_desktop.engine.printing.report_pdf import render_report

        target = pdf_path(self, f"{self.report.name}.pdf", path)
        # paper shows what the screen shows (render_report applies the display layer)
        report, rows, params = self.report, self.model.data_rows(), self.params
        return self.ops.run_in_background(
            lambda _p, _s: str(render_report(report, rows, params, target)),
            title=tr("正在生成 PDF……"),
            parent=self,
            on_success=self._printed,
        )

    def _printed(self, path: str) -> None:
        self.last_pdf = path
        open_file(path)
