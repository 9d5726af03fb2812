"""商品 edit dialog: every ItemData field, per-unit barcodes and other units."""

from __future__ import annotations

from decimal import Decimal

from jxc_desktop.engine import masterdata as md
from jxc_desktop.engine import money
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.ui import choices
from jxc_desktop.ui.forms import RecordDialog, combo, combo_value, set_combo_value
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.row_table import CellSpec, RowTable

TEXT_FIELDS = ("code", "name", "spec")
NUMBER_FIELDS = (
    "purchase_price",
    "sale_price",
    "safety_stock",
    "max_stock",
    "shelf_life_days",
    "lead_time_days",
    "lot_size",
    "lot_period_days",
    "min_order_qty",
    "purchase_unit_factor",
)
COMBO_FIELDS = (
    "category",
    "item_type",
    "base_unit",
    "tax_rate",
    "valuation_method",
    "default_warehouse",
    "source",
    "lot_rule",
    "purchase_unit",
)


def plain(value) -> str:
    """A number as the user would type it: exact, no exponent, no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money.format_exact(value)
    return str(value)


def item_types() -> list[tuple[str, str]]:
    return [
        (tr("原材料"), "material"),
        (tr("半成品"), "semi"),
        (tr("产成品"), "finished"),
        (tr("商品", "item type"), "goods"),
        (tr("服务"), "service"),
    ]


def valuation_methods() -> list[tuple[str, str | None]]:
    return [
        (tr("按账套默认"), None),
        (tr("移动加权平均"), "moving_average"),
        (tr("先进先出"), "fifo"),
        (tr("月末一次加权平均"), "periodic"),
        (tr("个别计价"), "specific"),
    ]


class ItemDialog(RecordDialog):
    changed_name = "items"
    saver = staticmethod(md.save_item)

    def __init__(self, ops, item_id: int | None = None, parent=None):
        super().__init__(ops, item_id, parent)
        self.setWindowTitle(tr("新建商品") if item_id is None else tr("修改商品"))
        self.resize(640, 600)
        units = choices.unit_names()
        self._basic_tab(units)
        self._stock_tab()
        self._units_tab(units)
        self._planning_tab(units)
        if item_id is not None:
            self.load(md.item_data(item_id))

    def _basic_tab(self, units: list[str]) -> None:
        form = self.form_page(tr("基本信息"))
        self.line(form, "code", tr("商品编码"))
        self.line(form, "name", tr("商品名称"))
        self.line(form, "spec", tr("规格型号"))
        cats = [("", None)] + [(f"{code}  {name}", code) for code, name in choices.categories()]
        self.add_field(form, "category", tr("分类"), combo(cats))
        kinds = self.add_field(form, "item_type", tr("类型"), combo(item_types()))
        set_combo_value(kinds, "goods")  # ItemData's default
        self.add_field(form, "base_unit", tr("基本单位"), combo([(u, u) for u in units]))
        rates = combo([(r, r) for r in choices.tax_rates()], editable=True)
        set_combo_value(rates, "13")
        self.add_field(form, "tax_rate", tr("税率(%)"), rates)
        self.line(form, "purchase_price", tr("采购价"), "0")
        self.line(form, "sale_price", tr("销售价"), "0")

    def _stock_tab(self) -> None:
        form = self.form_page(tr("库存与计价"))
        self.add_field(form, "valuation_method", tr("计价方法"), combo(valuation_methods()))
        self.check(form, "batch_managed", tr("批次管理"))
        self.line(form, "shelf_life_days", tr("保质期天数"))
        self.check(form, "serial_managed", tr("序列号管理"))
        self.line(form, "safety_stock", tr("安全库存"), "0")
        self.line(form, "max_stock", tr("最高库存"), "0")
        whs = [("", None)] + [(f"{code}  {name}", code) for code, name in choices.warehouses()]
        self.add_field(form, "default_warehouse", tr("默认仓库"), combo(whs))

    def _units_tab(self, units: list[str]) -> None:
        form = self.form_page(tr("条码与单位"))
        self.units_table = RowTable(
            [
                CellSpec(tr("单位", "column"), tuple(units)),
                CellSpec(tr("换算率（1 单位 = ? 基本单位）")),
            ]
        )
        self.add_field(form, "units", tr("辅助单位"), self.units_table)
        self.barcode_table = RowTable(
            [CellSpec(tr("条码")), CellSpec(tr("单位（空 = 基本单位）"), ("", *units))]
        )
        self.add_field(form, "barcodes", tr("条码"), self.barcode_table)

    def _planning_tab(self, units: list[str]) -> None:
        form = self.form_page(tr("计划"))
        sources = [(tr("采购"), "purchase"), (tr("自制"), "make"), (tr("委外"), "outsource")]
        self.add_field(form, "source", tr("物料来源"), combo(sources))
        self.line(form, "lead_time_days", tr("提前期天数"), "0")
        rules = [
            (tr("按需"), "lot_for_lot"),
            (tr("固定批量"), "fixed"),
            (tr("最小批量"), "minimum"),
            (etr("固定周期", "Fixed period"), "period"),
        ]
        self.add_field(form, "lot_rule", tr("批量规则"), combo(rules))
        self.line(form, "lot_size", tr("批量"), "0")
        self.line(form, "lot_period_days", etr("批量周期天数", "Lot period (days)"), "0")
        self.line(form, "min_order_qty", tr("最小订货量"), "0")
        self.add_field(
            form, "purchase_unit", tr("采购单位"), combo([("", None)] + [(u, u) for u in units])
        )
        self.line(form, "purchase_unit_factor", tr("采购单位换算"))

    # -- data in and out ----------------------------------------------------------------
    def load(self, data: md.ItemData) -> None:
        for name in TEXT_FIELDS + NUMBER_FIELDS:
            self.fields[name].setText(plain(getattr(data, name)))
        for name in COMBO_FIELDS:
            set_combo_value(self.fields[name], plain(getattr(data, name)) or None)
        for name in ("batch_managed", "serial_managed"):
            self.fields[name].setChecked(bool(getattr(data, name)))
        for entry in data.units:
            self.units_table.add_row([entry.unit, plain(entry.factor)])
        for entry in data.barcodes:
            self.barcode_table.add_row([entry.barcode, entry.unit or ""])

    def collect(self) -> md.ItemData:
        values = {name: self.text(name) for name in TEXT_FIELDS}
        for name in NUMBER_FIELDS:
            values[name] = self.text(name)
        for name in COMBO_FIELDS:
            values[name] = combo_value(self.fields[name])
        for name in ("shelf_life_days", "purchase_unit_factor"):
            values[name] = values[name] or None  # empty = not given
        values["tax_rate"] = values["tax_rate"] or ""
        for name in ("batch_managed", "serial_managed"):
            values[name] = self.fields[name].isChecked()
        values["units"] = [md.UnitData(u, f) for u, f in self.units_table.rows()]
        values["barcodes"] = [md.BarcodeData(b, u or None) for b, u in self.barcode_table.rows()]
        return md.ItemData(**values)
