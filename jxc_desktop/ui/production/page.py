"""The 生产 tab: 物料清单 / 生产订单 / MRP / 成本计算 sub-tabs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui.buttons import button, row_box
from jxc_desktop.ui.empty_hint import EmptyHint
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage
from jxc_desktop.ui.production.capacity_tab import CapacityTab
from jxc_desktop.ui.production.mrp_grid import MrpGrid, count_text, matching
from jxc_desktop.ui.production.outsourcing_tab import OutsourcingTab
from jxc_desktop.ui.production.widgets import RowsTable
from jxc_desktop.ui.production.workorder_tab import WorkOrderTab
from jxc_desktop.ui.row_table import CellSpec, RowTable


def _bom_rows() -> list[dict]:
    """Every stored BOM version: parent code and name, version, effective date, lines."""
    from peewee import fn

    from jxc_desktop.models.masterdata import Item
    from jxc_desktop.models.production import Bom, BomLine

    counts = dict(BomLine.select(BomLine.bom, fn.COUNT(BomLine.id)).group_by(BomLine.bom).tuples())
    query = Bom.select(Bom, Item).join(Item).order_by(Item.code, Bom.version)
    return [
        {
            "item": b.item.code,
            "name": b.item.name,
            "version": b.version,
            "effective": b.effective_date or tr("始终", "always"),
            "lines": counts.get(b.id, 0),
        }
        for b in query
    ]


def _bom_columns():
    return [
        ("item", tr("父项编码", "Parent")),
        ("name", tr("名称", "Name")),
        ("version", tr("版本", "Version")),
        ("effective", tr("生效日期", "Effective")),
        ("lines", tr("子项数", "Lines"), "int"),
    ]


def _bom_hint(no_boms: bool) -> str:
    if no_boms:
        return tr(
            "还没有物料清单：输入父项编码，在右侧录入子项和用量，点击“保存物料清单”。",
            "No BOMs yet: enter the parent item code, fill in the components and "
            "quantities on the right, then press Save BOM.",
        )
    return tr(
        "在左侧选一个物料清单查看它的多级结构，或输入父项编码后点击“展开”。",
        "Pick a BOM on the left to see its levels, or enter a parent item code and press Explode.",
    )


class BomTab(QWidget):
    """The items that have a BOM (pick one), its multi-level tree with extended
    quantities (scrap included), and the editor of one version."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self._stale = True
        self.boms = RowsTable(_bom_columns())
        self.boms.setObjectName("bomList")
        for column, width in enumerate((100, 120, 50, 90, 60)):  # all five in view
            self.boms.setColumnWidth(column, width)
        self.boms.itemSelectionChanged.connect(self.pick)
        ops.changed.connect(self._changed)
        self.item = QLineEdit()
        self.item.setObjectName("bomItem")
        self.item.setPlaceholderText(tr("父项编码", "Parent item code"))
        self.qty = QLineEdit("1")
        self.tree = QTreeWidget()
        self.tree.setObjectName("bomTree")
        self.tree.setHeaderLabels(
            [tr("编码", "Code"), tr("名称", "Name"), tr("单位用量", "Qty per"), tr("数量", "Qty")]
        )
        self.tree.setColumnWidth(0, 170)  # a nested component code, unclipped
        for column, width in ((1, 110), (2, 70)):  # the quantities stay in view
            self.tree.setColumnWidth(column, width)
        self.version = QLineEdit("1")
        self.version.setObjectName("bomVersion")
        self.lines = RowTable(
            [
                CellSpec(tr("子项编码", "Component")),
                CellSpec(tr("用量", "Qty/unit")),  # per unit of the parent; longer is clipped
                CellSpec(tr("单位", "Unit")),
                CellSpec(tr("损耗率%", "Scrap %")),
            ]
        )
        self.lines.setObjectName("bomLines")
        editor = QWidget()
        edit_layout = QVBoxLayout(editor)
        edit_layout.addLayout(
            row_box(
                QLabel(tr("版本", "Version")),
                self.version,
                button(tr("载入", "Load"), self.load, "bomLoad"),
                button(tr("保存物料清单", "Save BOM"), self.save, "bomSave"),
            )
        )
        edit_layout.addWidget(self.lines)
        layout = QVBoxLayout(self)
        layout.addLayout(
            row_box(
                QLabel(tr("父项", "Parent")),
                self.item,
                QLabel(tr("数量", "Qty")),
                self.qty,
                button(tr("展开", "Explode"), self.explode, "bomExplode"),
            )
        )
        # a function of the list alone: a bound method would tie the hint to the tab in a
        # reference cycle, which the garbage collector may tear apart in the wrong order
        boms = self.boms
        self.hint = EmptyHint(lambda: _bom_hint(boms.rowCount() == 0), self.tree)
        layout.addWidget(self.hint)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.boms)
        split.addWidget(self.tree)
        split.addWidget(editor)
        split.setSizes([420, 420, 420])
        layout.addWidget(split, 1)  # the hint above keeps its one line

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh_list()

    def _changed(self, what: str) -> None:
        if what in ("boms", "*", "items"):
            self._stale = True
            if self.isVisible():
                self.refresh_list()

    def refresh_list(self) -> None:
        """Reloads the list of BOMs (parent, version, effective date)."""
        ok, rows = self.ops.run(_bom_rows, parent=self)
        if ok:
            self._stale = False
            self.boms.blockSignals(True)  # refilling is not the user picking a BOM
            self.boms.fill(rows)
            self.boms.blockSignals(False)
            self.hint.update_state()  # "no BOM yet" or "pick one"

    def pick(self) -> None:
        """The chosen BOM: its tree exploded and its version in the editor."""
        row = self.boms.current()
        if row is None:
            return
        self.item.setText(row["item"])
        self.version.setText(row["version"])
        self.explode()
        self.load()

    def load(self) -> None:
        """Fills the editor with the typed version of the parent."""
        from jxc_desktop.engine.production.bom import version_lines

        code, version = self.item.text().strip(), self.version.text().strip() or "1"
        ok, lines = self.ops.run(lambda: version_lines(code, version), parent=self)
        self.lines.table.setRowCount(0)
        for line in lines if ok else []:
            self.lines.add_row([line.component, f"{line.qty:f}", line.unit, f"{line.scrap_rate:f}"])

    def save(self) -> None:
        """Saves the edited lines as the typed version (cycles and bad rows are refused)."""
        from jxc_desktop.engine.production.bom import BomInput, BomLineInput, save_bom

        data = BomInput(
            self.item.text().strip(),
            self.version.text().strip() or "1",
            lines=[BomLineInput(c, q, u, s or "0") for c, q, u, s in self.lines.rows()],
        )
        ok, _bom = self.ops.run(lambda: save_bom(data), parent=self, changed="boms")
        if ok:
            self.explode()
            self.refresh_list()

    def explode(self) -> None:
        from jxc_desktop.engine.production import bom
        from jxc_desktop.engine.reports.production import require_item

        ok, rows = self.ops.run(
            lambda: bom.explode(
                require_item(self.item.text().strip()), money.D(self.qty.text() or "1")
            ),
            parent=self,
        )
        if ok:
            self.show_rows(rows)

    def show_rows(self, rows) -> None:
        self.tree.clear()
        parents: dict[int, QTreeWidgetItem] = {}
        for r in rows:
            node = QTreeWidgetItem(
                [
                    r.component.code,
                    r.component.name,
                    money.format_qty(r.qty_per),  # 0.525, 12.6: no trailing zeros
                    money.format_qty(r.extended),
                ]
            )
            holder = parents.get(r.level - 1)
            if holder is None:
                self.tree.addTopLevelItem(node)
            else:
                holder.addChild(node)
            parents[r.level] = node
        self.tree.expandAll()


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _mrp_columns():
    return [
        ("item", tr("商品", "Item")),
        ("name", tr("名称", "Name")),
        ("kind_label", tr("类型", "Kind")),
        # the real need; what the lot rule and whole purchase units add is in 追溯
        ("net", tr("需求数量", "Required"), "qty"),
        ("unit", tr("基本单位", "Base unit")),
        ("purchase_qty", tr("下达数量", "To order"), "qty"),
        ("purchase_unit", tr("下达单位", "Order unit")),
        ("order_qty", tr("折合基本单位", "In base units"), "qty"),
        ("release_date", tr("下达日期", "Release")),
        ("due_date", tr("需求日期", "Due")),
    ]


def _purpose_rows(row: dict) -> list[dict]:
    """The 追溯 panel: the demands an order covers, then what no document asked for;
    the quantities add up to 折合基本单位 (the quantity is in its own column only)."""
    out = list(row["pegging"])
    extras = [
        ("safety", tr("补充安全库存", "Top up safety stock")),
        ("lot_extra", tr("批量取整", "Lot-size rounding")),
        ("unit_extra", tr("整采购单位取整", "Rounded to whole purchase units")),
    ]
    for key, text in extras:
        if row[key] > 0:
            out.append(
                {"number": text, "item": row["item"], "date": row["due_date"], "qty": row[key]}
            )
    return out


def _fit_columns(table: RowsTable) -> None:
    """Every column as wide as its header and cells (Qt samples the visible rows), none
    stretched: a header is never cut off, in either language."""
    table.horizontalHeader().setStretchLastSection(False)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):  # a little air between the columns
        table.setColumnWidth(c, table.columnWidth(c) + 14)


def _peg_columns():
    return [
        ("number", tr("需求单据", "Demand")),
        ("item", tr("商品", "Item")),
        ("date", tr("日期", "Date")),
        ("qty", tr("数量", "Qty"), "qty"),
    ]


def _firmed_text(orders: int, numbers: list[str]) -> str:
    head = tr(
        "已下达 {o} 个计划订单，生成 {n} 张单据：",
        "{o} planned orders firmed, {n} documents written:",
        o=orders,
        n=len(numbers),
    )
    return "\n".join([head, *numbers])


class MrpTab(QWidget):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        today = dt.date.today()
        self.date_from = _date_edit(today)
        self.date_to = _date_edit(today + dt.timedelta(days=90))
        self.table = MrpGrid(_mrp_columns())
        self.table.setObjectName("mrpOrders")
        self.pegging = RowsTable(_peg_columns())
        self.pegging.setObjectName("mrpPegging")
        _fit_columns(self.pegging)  # the orders grid sizes its columns to its headers
        self.table.itemSelectionChanged.connect(self.show_pegging)
        self.orders: list = []  # the last run's, before the filter
        self.search = QLineEdit()
        self.search.setObjectName("mrpSearch")
        self.search.setPlaceholderText(tr("按商品编码或名称筛选", "Filter by item code or name"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self.apply_filter)
        self.count = QLabel()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.pegging)
        layout = QVBoxLayout(self)
        layout.addLayout(
            row_box(
                QLabel(tr("从", "From")),
                self.date_from,
                QLabel(tr("到", "To")),
                self.date_to,
                button(tr("运行 MRP", "Run MRP"), self.run, "mrpRun"),
                button(tr("下达所选", "Firm selected"), self.firm, "mrpFirm"),
                self.search,
                self.count,
            )
        )
        layout.addWidget(split)

    def _dates(self) -> tuple[dt.date, dt.date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def run(self) -> None:
        from jxc_desktop.engine.production.mrp import run_mrp

        start, end = self._dates()
        self.ops.run_in_background(
            lambda progress, stop: run_mrp(start, end, None, progress, stop).orders,
            title=tr("MRP 运算", "MRP run"),
            parent=self,
            on_success=self.show_orders,
            cancellable=True,
        )

    def show_orders(self, orders: list) -> None:
        """Shows a run's planned orders (the grid paints late ones red)."""
        self.orders = orders
        self.apply_filter()

    def apply_filter(self) -> None:
        shown = matching(self.orders, self.search.text())
        self.table.fill(shown)
        self.count.setText(count_text(len(shown), len(self.orders)))

    def show_pegging(self) -> None:
        row = self.table.current()
        self.pegging.fill(_purpose_rows(row) if row else [])
        _fit_columns(self.pegging)

    def firm(self) -> None:
        """Firms exactly the selected planned orders, says which documents it wrote, and
        runs MRP again."""
        from jxc_desktop.engine.production.mrp_firm import firm, order_key
        from jxc_desktop.ui import messages

        keys = [order_key(o) for o in self.table.selected_orders()]
        if not keys:
            messages.info(
                self, tr("请先选择要下达的计划订单。", "Select the planned orders first.")
            )
            return
        start, end = self._dates()
        ok, numbers = self.ops.run(
            lambda: firm(date_from=start, date_to=end, orders=keys),
            parent=self,
            changed="documents",
        )
        if ok:
            messages.info(self, _firmed_text(len(keys), numbers))
            self.run()


def _shown_columns(report) -> list[tuple]:
    """The report's columns as RowsTable wants them, codes with a label beside left out."""
    from jxc_desktop.ui.inventory.report_view import display_columns

    return [(c.key, c.label, c.kind) for c in display_columns(report.columns)]


def _cost_table(report) -> RowsTable:
    """A cost report's table; unit costs show 2-4 decimals (the rows keep all 6)."""
    table = RowsTable(_shown_columns(report))
    table.keys = [
        f"{k}_shown" if kind == "price" else k
        for k, kind in zip(table.keys, table.kinds, strict=True)
    ]
    return table


def _with_price_texts(table: RowsTable, rows: list[dict]) -> list[dict]:
    from jxc_desktop.ui.inventory.report_view import price_text

    keys = [
        k.removesuffix("_shown")
        for k, kind in zip(table.keys, table.kinds, strict=True)
        if kind == "price"
    ]
    return [
        r | {f"{k}_shown": price_text(r[k]) for k in keys if r.get(k) is not None} for r in rows
    ]


class CostTab(QWidget):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        from jxc_desktop.engine.reports import load_all

        self.ops = ops
        reports = load_all()
        self.period = QLineEdit(dt.date.today().strftime("%Y-%m"))
        self.period.setObjectName("costPeriod")
        self.jobs = _cost_table(reports["job-cost"])
        self.jobs.setObjectName("jobCost")
        self.jobs.setColumnWidth(0, 170)  # a whole work-order number (SCDD20261101-0001)
        self._shown = False
        self.steps = _cost_table(reports["process-cost"])
        self.steps.setObjectName("processCost")
        self.products = RowsTable(
            [(c.key, c.label, c.kind) for c in reports["product-cost"].columns]
        )
        self.products.setObjectName("productCost")
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(
            row_box(
                QLabel(tr("期间", "Period")),
                self.period,
                button(tr("查看", "Show"), self.show_costs, "costShow"),
                button(tr("成本计算", "Cost run"), self.run, "costRun"),
            )
        )
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(tr("订单法", "Job-order costing")))
        layout.addWidget(self.jobs)
        layout.addWidget(QLabel(tr("分步法", "Process costing")))
        layout.addWidget(self.steps)
        layout.addWidget(QLabel(tr("产品成本汇总表", "Product cost summary")))
        layout.addWidget(self.products)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown:  # the period's costs are there without pressing 查看
            self._shown = True
            self.show_costs()

    def _params(self):
        from jxc_desktop.engine.company import month_bounds
        from jxc_desktop.engine.reports import ReportParams

        start, end = month_bounds(self.period.text().strip())
        return ReportParams(date_from=start, date_to=end)

    def show_costs(self) -> None:
        from jxc_desktop.engine.reports.production_cost import job_rows, process_rows
        from jxc_desktop.engine.reports.production_summary import summary_rows

        def read():
            params = self._params()
            return job_rows(params), process_rows(params), summary_rows(params)

        ok, rows = self.ops.run(read, parent=self)
        if ok:
            self.jobs.fill(_with_price_texts(self.jobs, rows[0]))
            self.steps.fill(_with_price_texts(self.steps, rows[1]))
            self.products.fill(rows[2])

    def run(self) -> None:
        from jxc_desktop.engine.production.costing_run import run_cost

        ok, result = self.ops.run(
            lambda: run_cost(self.period.text().strip()), parent=self, changed="documents"
        )
        if ok:
            self.summary.setText("\n".join(result.summary()))
            self.show_costs()


class ProductionPage(TabPage):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("productionTabs")
        self.bom = BomTab(ops)
        self.orders = WorkOrderTab(ops)
        self.mrp = MrpTab(ops)
        self.cost = CostTab(ops)
        self.capacity = CapacityTab(ops)
        self.outsourcing = OutsourcingTab(ops)
        self.tabs.addTab(self.bom, tr("物料清单", "BOMs"))
        self.tabs.addTab(self.orders, tr("生产订单", "Work orders"))
        self.tabs.addTab(self.outsourcing, tr("委外", "Outsourcing"))
        self.tabs.addTab(self.mrp, tr("MRP 运算", "MRP"))
        self.tabs.addTab(self.cost, tr("成本计算", "Costing"))
        self.tabs.addTab(self.capacity, tr("产能负荷", "Capacity"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        ops.changed.connect(self._on_changed)

    def _on_changed(self, _what: str) -> None:
        self.orders.mark_stale()
        self.outsourcing.mark_stale()

    def refresh(self) -> bool:
        self.orders.refresh()
        return True
