"""Edit dialogs for the smaller base data: partners, warehouses, units, categories,
departments, staff, tax rates and currencies. Items have their own module."""

from __future__ import annotations

from jxc_desktop.engine import masterdata as md
from jxc_desktop.ui import choices
from jxc_desktop.ui.forms import RecordDialog, combo, combo_value, set_combo_value
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.item_dialog import plain
from jxc_desktop.ui.row_table import CellSpec, RowTable


class PartnerDialog(RecordDialog):
    saver = staticmethod(md.save_partner)
    TEXTS = ("code", "name", "contact", "phone", "address", "tax_number", "bank_account")
    MORE = ("credit_limit", "payment_terms_days", "credit_rating", "price_grade")

    def __init__(self, ops, kind: str, partner_id=None, parent=None, row=None):
        super().__init__(ops, partner_id, parent)
        self.kind = kind
        self.changed_name = "customers" if kind == "customer" else "suppliers"
        noun = tr("客户") if kind == "customer" else tr("供应商")
        verb = tr("新建") if partner_id is None else tr("修改")
        self.setWindowTitle(f"{verb}{noun}")
        self.resize(520, 520)
        form = self.form_page()
        labels = {
            "code": tr("编码"),
            "name": tr("名称"),
            "contact": tr("联系人"),
            "phone": tr("电话"),
            "address": tr("地址"),
            "tax_number": tr("税号"),
            "bank_account": tr("银行账户"),
            "credit_limit": tr("信用额度"),
            "payment_terms_days": tr("付款期限天数"),
            "credit_rating": tr("信用等级"),
            "price_grade": tr("价格等级"),
        }
        for name in self.TEXTS + self.MORE:
            self.line(form, name, labels[name])
        if partner_id is not None:
            data = md.partner_data(partner_id)
            for name in self.TEXTS + self.MORE:
                self.fields[name].setText(plain(getattr(data, name)))
        else:
            self.fields["credit_limit"].setText("0")
            self.fields["payment_terms_days"].setText("0")

    def collect(self) -> md.PartnerData:
        values = {name: self.text(name) for name in self.TEXTS + self.MORE}
        return md.PartnerData(kind=self.kind, **values)


class WarehouseDialog(RecordDialog):
    changed_name = "warehouses"
    saver = staticmethod(md.save_warehouse)

    def __init__(self, ops, warehouse_id=None, parent=None, row=None):
        super().__init__(ops, warehouse_id, parent)
        self.setWindowTitle(tr("新建仓库") if warehouse_id is None else tr("修改仓库"))
        self.resize(520, 460)
        form = self.form_page()
        self.line(form, "code", tr("仓库编码"))
        self.line(form, "name", tr("仓库名称"))
        self.check(form, "is_quarantine", tr("待检/隔离仓"))
        self.locations = RowTable([CellSpec(tr("库位编码")), CellSpec(tr("库位名称"))])
        self.add_field(form, "locations", tr("库位"), self.locations)
        if warehouse_id is not None:
            data = md.warehouse_data(warehouse_id)
            self.fields["code"].setText(data.code)
            self.fields["name"].setText(data.name)
            self.fields["is_quarantine"].setChecked(data.is_quarantine)
            for loc in data.locations:
                self.locations.add_row([loc.code, loc.name])

    def collect(self) -> md.WarehouseData:
        return md.WarehouseData(
            code=self.text("code"),
            name=self.text("name"),
            is_quarantine=self.fields["is_quarantine"].isChecked(),
            locations=[md.LocationData(code, name) for code, name in self.locations.rows()],
        )


class UnitDialog(RecordDialog):
    changed_name = "units"
    saver = staticmethod(lambda data, unit_id: md.save_unit(data, unit_id))

    def __init__(self, ops, unit_id=None, parent=None, row=None):
        super().__init__(ops, unit_id, parent)
        self.setWindowTitle(tr("新建单位") if unit_id is None else tr("修改单位"))
        self.line(self.form_page(), "name", tr("单位名称"), (row or {}).get("name", ""))

    def collect(self) -> str:
        return self.text("name")


class CategoryDialog(RecordDialog):
    changed_name = "categories"
    saver = staticmethod(md.save_category)

    def __init__(self, ops, category_id=None, parent=None, row=None):
        super().__init__(ops, category_id, parent)
        self.setWindowTitle(tr("新建分类") if category_id is None else tr("修改分类"))
        row = row or {}
        form = self.form_page()
        self.line(form, "code", tr("分类编码"), row.get("code", ""))
        self.line(form, "name", tr("分类名称"), row.get("name", ""))
        parents = [("", None)] + [(f"{c}  {n}", c) for c, n in choices.categories()]
        parent = self.add_field(form, "parent", tr("上级分类"), combo(parents))
        set_combo_value(parent, row.get("parent") or None)

    def collect(self) -> md.CategoryData:
        return md.CategoryData(
            self.text("code"), self.text("name"), combo_value(self.fields["parent"])
        )


class DepartmentDialog(RecordDialog):
    changed_name = "departments"
    saver = staticmethod(md.save_department)

    def __init__(self, ops, department_id=None, parent=None, row=None):
        super().__init__(ops, department_id, parent)
        self.setWindowTitle(tr("新建部门") if department_id is None else tr("修改部门"))
        row = row or {}
        form = self.form_page()
        self.line(form, "code", tr("部门编码"), row.get("code", ""))
        self.line(form, "name", tr("部门名称"), row.get("name", ""))
        parents = [("", None)] + [(f"{c}  {n}", c) for c, n in choices.departments()]
        parent = self.add_field(form, "parent", tr("上级部门"), combo(parents))
        set_combo_value(parent, row.get("parent") or None)

    def collect(self) -> md.DepartmentData:
        return md.DepartmentData(
            self.text("code"), self.text("name"), combo_value(self.fields["parent"])
        )


class StaffDialog(RecordDialog):
    changed_name = "staff"
    saver = staticmethod(md.save_staff)

    def __init__(self, ops, staff_id=None, parent=None, row=None):
        super().__init__(ops, staff_id, parent)
        self.setWindowTitle(tr("新建职员") if staff_id is None else tr("修改职员"))
        row = row or {}
        form = self.form_page()
        self.line(form, "code", tr("职员编码"), row.get("code", ""))
        self.line(form, "name", tr("姓名"), row.get("name", ""))
        depts = [("", None)] + [(f"{c}  {n}", c) for c, n in choices.departments()]
        dept = self.add_field(form, "department", tr("部门"), combo(depts))
        if staff_id is not None:
            set_combo_value(dept, choices.staff_department(staff_id))
        self.line(form, "phone", tr("电话"), row.get("phone", "") or "")

    def collect(self) -> md.StaffData:
        return md.StaffData(
            self.text("code"),
            self.text("name"),
            combo_value(self.fields["department"]),
            self.text("phone"),
        )


class TaxRateDialog(RecordDialog):
    changed_name = "tax_rates"
    saver = staticmethod(lambda data, rid: md.save_tax_rate(data[0], data[1], rid))

    def __init__(self, ops, tax_rate_id=None, parent=None, row=None):
        super().__init__(ops, tax_rate_id, parent)
        self.setWindowTitle(tr("新建税率") if tax_rate_id is None else tr("修改税率"))
        row = row or {}
        form = self.form_page()
        self.line(form, "name", tr("税率名称"), row.get("name", ""))
        self.line(form, "rate", tr("税率(%)"), plain(row.get("rate")))

    def collect(self) -> tuple[str, str]:
        return self.text("name"), self.text("rate")


class CurrencyDialog(RecordDialog):
    changed_name = "currencies"
    saver = staticmethod(lambda data, _code: md.save_currency(*data))

    def __init__(self, ops, code=None, parent=None, row=None):
        super().__init__(ops, code, parent)
        self.setWindowTitle(tr("新建币种") if code is None else tr("修改币种"))
        row = row or {}
        form = self.form_page()
        self.line(form, "code", tr("币种代码"), row.get("code", ""))
        self.fields["code"].setReadOnly(code is not None)  # the code is the key
        self.line(form, "name", tr("币种名称"), row.get("name", ""))
        self.line(form, "symbol", tr("符号"), row.get("symbol", "") or "")

    def collect(self) -> tuple[str, str, str]:
        return self.text("code"), self.text("name"), self.text("symbol")
