"""检验方案, 供应商评估 and 供应商资质 sub-tabs of the 质检 tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from jxc_desktop.engine import money
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column, ReportParams
from jxc_desktop.ui.buttons import button, row_box
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.quality.inspection_tab import date_edit
from jxc_desktop.ui.quality.tables import QualityTable

# per report: the column that takes the spare width, and code columns shown by name
LAYOUT = {
    "inspection-summary": ("item_name", ("stage",)),
    "supplier-evaluation": ("supplier_name", ()),
    "supplier-qualifications": ("supplier_name", ("status",)),
}


def _combo(options: dict, name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for key, pair in options.items():
        box.addItem(tr(*pair), key)
    return box


def _number(value) -> str:
    return money.format_exact(value)


def _edit(placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class PlanTab(QWidget):
    """Inspection plans per item and stage: a list and a one-line form."""

    def __init__(self, ops: Ops, parent=None):
        from jxc_desktop.engine.quality import plans

        super().__init__(parent)
        self.ops = ops
        self.table = QualityTable(
            [
                Column("item", "商品编码", "Item"),
                Column("item_name", "商品名称", "Item name"),
                Column("stage", "检验阶段", "Stage"),
                Column("sampling", "抽样方式", "Sampling"),
                Column("sample_qty", "样本量/最少", "Sample (min.)", "qty"),
                Column("sample_percent", "比例", "Percent", "rate"),
                Column("quarantine", "不合格品仓库", "Quarantine"),
                Column("criteria", "检验项目", "Criteria"),
            ],
            stretch="criteria",
        )
        self.table.setObjectName("planTable")
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.item = _edit(tr("商品编码", "Item code"), "planItem")
        self.stage = _combo(plans.STAGE_LABELS, "planStage")
        self.sampling = _combo(plans.SAMPLING_LABELS, "planSampling")
        self.sample_qty = _edit(tr("样本量", "Sample size"), "planSampleQty")
        self.percent = _edit(tr("比例%", "Percent"), "planPercent")
        self.quarantine = _edit(tr("不合格品仓库", "Quarantine"), "planQuarantine")
        self.criteria = _edit(tr("检验项目", "Criteria"), "planCriteria")
        layout = QVBoxLayout(self)
        layout.addLayout(
            row_box(self.item, self.stage, self.sampling, self.sample_qty, self.percent)
        )
        layout.addLayout(
            row_box(
                self.quarantine,
                self.criteria,
                button(tr("保存方案", "Save plan"), self.save, "planSave"),
                button(tr("删除方案", "Delete plan"), self.delete, "planDelete"),
            )
        )
        layout.addWidget(self.table)

    def refresh(self) -> None:
        from jxc_desktop.engine.quality import plans

        def rows():
            return [
                {
                    "id": p.id,
                    "keys": (p.stage, p.sampling),
                    "item": p.item.code,
                    "item_name": p.item.name,
                    "stage": plans.stage_label(p.stage),
                    "sampling": plans.sampling_label(p.sampling),
                    "sample_qty": p.sample_qty if p.sampling != "full" else None,
                    "sample_percent": p.sample_percent if p.sampling == "percent" else None,
                    "quarantine": p.quarantine_warehouse.code if p.quarantine_warehouse else "",
                    "criteria": p.criteria,
                }
                for p in plans.list_plans()
            ]

        ok, result = self.ops.run(rows, parent=self)
        if ok:
            self.table.fill(result)

    def show_selected(self) -> None:
        """Puts the selected plan in the form, to change and save it again."""
        row = self.table.current()
        if row is None:
            return
        self.item.setText(row["item"])
        self.stage.setCurrentIndex(self.stage.findData(row["keys"][0]))
        self.sampling.setCurrentIndex(self.sampling.findData(row["keys"][1]))
        self.sample_qty.setText(_number(row["sample_qty"]))
        self.percent.setText(_number(row["sample_percent"]))
        self.quarantine.setText(row["quarantine"])
        self.criteria.setText(row["criteria"])

    def save(self) -> None:
        from jxc_desktop.engine.quality.plans import PlanData, save_plan

        data = PlanData(
            self.item.text().strip(),
            self.stage.currentData(),
            self.sampling.currentData(),
            self.sample_qty.text().strip() or "0",
            self.percent.text().strip() or "0",
            self.criteria.text(),
            self.quarantine.text().strip() or None,
        )
        ok, _ = self.ops.run(lambda: save_plan(data), parent=self, changed="quality")
        if ok:
            self.refresh()

    def delete(self) -> None:
        from jxc_desktop.engine.quality.plans import delete_plan

        row = self.table.current()
        if row and self.ops.run(lambda: delete_plan(row["id"]), parent=self)[0]:
            self.refresh()


class ReportTab(QWidget):
    """A registered report over a date range, shown as a table."""

    def __init__(self, ops: Ops, report: str, name: str, days: bool = False, parent=None):
        from jxc_desktop.engine.reports import load_all

        super().__init__(parent)
        self.ops, self.report = ops, load_all()[report]
        self.date_from = date_edit()
        self.date_from.setDate(QDate.currentDate().addMonths(-1))
        self.date_to = date_edit()
        self.days = QLineEdit("30")
        self.days.setObjectName(f"{name}Days")
        stretch, hidden = LAYOUT.get(report, (None, ()))
        by_key = {c.key: c for c in self.report.columns}
        columns = []
        for c in self.report.columns:
            code = by_key.get(c.key.removesuffix("_name")) if c.key.endswith("_name") else None
            named = code if code is not None and code.key in hidden else c  # 状态, not 状态名称
            columns.append(
                Column(c.key, named.zh, named.en, "score" if c.key == "score" else c.kind)
            )
        self.table = QualityTable(columns, stretch=stretch)
        self.table.hide_keys(*hidden)
        self.table.setObjectName(f"{name}Table")
        controls = [QLabel(tr("从", "From")), self.date_from, QLabel(tr("到", "To")), self.date_to]
        if days:
            controls = [QLabel(tr("截至", "As of")), self.date_to]
            controls += [QLabel(tr("提前天数", "Days ahead")), self.days]
        controls.append(button(tr("查询", "Show"), self.refresh, f"{name}Run"))
        layout = QVBoxLayout(self)
        layout.addLayout(row_box(*controls))
        layout.addWidget(self.table)

    def params(self) -> ReportParams:
        return ReportParams(
            self.date_from.date().toPython(),
            self.date_to.date().toPython(),
            extra={"days": self.days.text().strip() or "30"},
        )

    def refresh(self) -> None:
        params = self.params()
        ok, rows = self.ops.run(lambda: self.report.run(params), parent=self)
        if ok:
            self.table.fill(rows)


class QualificationTab(ReportTab):
    """The expiry reminder, with a form to add a supplier's qualification."""

    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, "supplier-qualifications", "qualification", days=True, parent=parent)
        self.supplier = _edit(tr("供应商编码", "Supplier code"), "qualSupplier")
        self.kind = _edit(tr("资质类型", "Kind"), "qualKind")
        self.number = _edit(tr("证书编号", "Number"), "qualNumber")
        self.issuer = _edit(tr("发证机关", "Issuer"), "qualIssuer")
        self.valid_to = _edit(tr("有效期至 YYYY-MM-DD", "Valid to YYYY-MM-DD"), "qualValidTo")
        self.valid_to.setMinimumWidth(170)  # the whole format hint stays readable
        self.layout().insertLayout(
            0,
            row_box(
                self.supplier,
                self.kind,
                self.number,
                self.issuer,
                self.valid_to,
                button(tr("添加资质", "Add"), self.add, "qualAdd"),
            ),
        )

    def add(self) -> None:
        from jxc_desktop.engine.quality.qualifications import QualificationData, save_qualification

        def run():
            text = self.valid_to.text().strip()
            try:
                valid_to = dt.date.fromisoformat(text) if text else None
            except ValueError as exc:
                raise JxcError(
                    tr("有效期至应为 YYYY-MM-DD", "Valid to must be YYYY-MM-DD")
                ) from exc
            data = QualificationData(
                self.supplier.text().strip(),
                self.kind.text().strip(),
                self.number.text().strip(),
                self.issuer.text().strip(),
                None,
                valid_to,
            )
            return save_qualification(data)

        ok, _ = self.ops.run(run, parent=self, changed="quality")
        if ok:
            self.refresh()
