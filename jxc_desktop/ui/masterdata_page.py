"""基础资料: a navigation list on the left, the chosen entity's paged list on the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jxc_desktop.engine import masterdata as md
from jxc_desktop.ui import choices, dialogs, messages
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.import_dialog import ImportDialog
from jxc_desktop.ui.item_dialog import ItemDialog
from jxc_desktop.ui.label_dialog import LabelDialog
from jxc_desktop.ui.list_view import ListView
from jxc_desktop.ui.listing_source import ListingSource
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage


@dataclass(frozen=True)
class Entity:
    key: str  # the listing name and the "changed" name
    label: str
    open_dialog: Callable  # (ops, record_id, parent, row) -> RecordDialog
    set_active: Callable[[object, bool], None]
    importable: bool = False  # has an xlsx template and importer
    delete: Callable[[object], None] | None = None  # only rows nothing refers to


def entities() -> list[Entity]:
    def partner(kind):
        return lambda ops, rid, parent, row: dialogs.PartnerDialog(ops, kind, rid, parent, row)

    def plain(cls):
        return lambda ops, rid, parent, row: cls(ops, rid, parent, row=row)

    def item(ops, rid, parent, _row):
        return ItemDialog(ops, rid, parent)

    D = dialogs
    return [
        Entity("items", tr("商品"), item, md.set_item_active, True, md.delete_item),
        Entity(
            "categories",
            tr("商品分类"),
            plain(D.CategoryDialog),
            md.set_category_active,
            delete=md.delete_category,
        ),
        Entity("units", tr("单位"), plain(D.UnitDialog), md.set_unit_active, delete=md.delete_unit),
        Entity(
            "warehouses",
            tr("仓库"),
            plain(D.WarehouseDialog),
            md.set_warehouse_active,
            True,
            md.delete_warehouse,
        ),
        Entity(
            "customers",
            tr("客户"),
            partner("customer"),
            md.set_partner_active,
            True,
            md.delete_partner,
        ),
        Entity(
            "suppliers",
            tr("供应商"),
            partner("supplier"),
            md.set_partner_active,
            True,
            md.delete_partner,
        ),
        Entity("departments", tr("部门"), plain(D.DepartmentDialog), md.set_department_active),
        Entity(
            "staff", tr("职员"), plain(D.StaffDialog), md.set_staff_active, delete=md.delete_staff
        ),
        Entity("tax_rates", tr("税率"), plain(D.TaxRateDialog), md.set_tax_rate_active),
        Entity("currencies", tr("币种"), plain(D.CurrencyDialog), md.set_currency_active),
    ]


def row_key(row: dict):
    """The id the engine's functions take: the id column, or the code for currencies."""
    return row.get("id", row.get("code"))


class MasterdataPage(TabPage):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.entities = entities()
        self.entity = self.entities[0]
        self.dialog = None  # the open edit dialog (tests reach it here)
        self.nav = QListWidget()
        self.nav.setObjectName("masterdataNav")
        self.nav.addItems([e.label for e in self.entities])
        self.nav.setMinimumWidth(120)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.list = ListView(ListingSource(self.entity.key), ops=ops)
        self.list.activated.connect(lambda _row: self.edit_record())
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        self.category_filter.setMinimumWidth(150)
        self.category_filter.activated.connect(self._category_chosen)
        self.list.filter_row.insertWidget(1, self.category_filter)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._buttons())
        column.addWidget(self.list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.nav.currentRowChanged.connect(self.select_entity)
        self.nav.setCurrentRow(0)
        ops.changed.connect(self._on_changed)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in [
            ("new", tr("新建"), self.new_record),
            ("edit", tr("修改"), self.edit_record),
            ("toggle", tr("停用/启用"), self.toggle_active),
            ("delete", tr("删除"), self.delete_record),
            ("export", tr("导出 Excel"), self.export_list),
            ("import", tr("从 Excel 导入"), self.import_file),
            ("template", tr("下载导入模板"), self.save_template),
            ("labels", tr("打印条码标签"), self.print_view),
        ]:
            button = QPushButton(text)
            button.setObjectName(f"btn_{name}")
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- navigation ---------------------------------------------------------------------
    def select_entity(self, index: int) -> None:
        if index < 0:
            return
        self.entity = self.entities[index]
        if self.list.model.source.name != self.entity.key:
            self.list.set_source(ListingSource(self.entity.key))
        self._fill_category_filter()
        for name in ("import", "template"):
            self.buttons[name].setEnabled(self.entity.importable)
        self.buttons["delete"].setEnabled(self.entity.delete is not None)
        self.buttons["labels"].setVisible(self.entity.key == "items")

    def _fill_category_filter(self) -> None:
        """Items can be narrowed to a category and everything under it."""
        box = self.category_filter
        box.setVisible(self.entity.key == "items")
        box.clear()
        box.addItem(tr("全部分类"), None)
        for code, name in choices.categories():
            box.addItem(f"{code}  {name}", code)
        chosen = self.list.model.filters.get("category")  # keep the filter in force shown
        box.setCurrentIndex(max(0, box.findData(chosen)))

    def _category_chosen(self, index: int) -> None:
        self.list.model.set_filter("category", self.category_filter.itemData(index))

    def select_key(self, key: str) -> None:
        self.nav.setCurrentRow(next(i for i, e in enumerate(self.entities) if e.key == key))

    def _on_changed(self, what: str) -> None:
        if what in ("*", self.entity.key):
            self.list.refresh()
        if what in ("*", "categories") and self.entity.key == "items":
            self._fill_category_filter()

    # -- the window's shortcuts ---------------------------------------------------------
    def find(self) -> bool:
        self.list.search.setFocus()
        self.list.search.selectAll()
        return True

    def refresh(self) -> bool:
        self.list.refresh()
        return True

    def print_view(self):
        """Ctrl+P on the item list prints barcode labels; other lists have no print view."""
        if self.entity.key != "items":
            return False
        row = self.list.current_row()
        if row is None:
            messages.info(self, tr("请先选择一行。"))
            return True
        dialog = LabelDialog(self.ops, row_key(row), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def new_record(self):
        return self._open(None, None)

    def edit_record(self):
        row = self.list.current_row()
        if row is None:
            messages.info(self, tr("请先选择一行。"))
            return False
        return self._open(row_key(row), row)

    def _open(self, record_id, row):
        dialog = self.entity.open_dialog(self.ops, record_id, self, row)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def toggle_active(self) -> bool:
        row = self.list.current_row()
        if row is None:
            messages.info(self, tr("请先选择一行。"))
            return False
        active = not row.get("active", True)
        ok, _ = self.ops.run(
            lambda: self.entity.set_active(row_key(row), active),
            parent=self,
            changed=self.entity.key,
        )
        return ok

    def delete_record(self, confirm: bool = True):
        """Deletes the selected row after a confirmation; the engine refuses rows in use."""
        row = self.list.current_row()
        if row is None or self.entity.delete is None:
            messages.info(self, tr("请先选择一行。"))
            return False
        entity = self.entity

        def delete() -> None:
            self.ops.run(lambda: entity.delete(row_key(row)), parent=self, changed=entity.key)

        if not confirm:
            delete()
            return True
        text = tr("确定删除 {what} 吗？删除后不能恢复；已被单据引用的资料只能停用。")
        box = messages.confirm(self, text.format(what=row.get("code") or row.get("name")))
        box.accepted.connect(delete)
        return box

    # -- spreadsheets -------------------------------------------------------------------
    def export_list(self, path: str | None = None):
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("导出 Excel"), f"{self.entity.key}.xlsx", "Excel (*.xlsx)"
            )
        if not path:
            return None
        name, search = self.entity.key, self.list.model.search
        from jxc_desktop.engine import excel_io

        return self.ops.run_in_background(
            lambda progress, stop: excel_io.export_list(name, path, search=search),
            title=tr("正在导出……"),
            parent=self,
            on_success=lambda _r: messages.info(self, tr("已导出到 {p}").format(p=path)),
        )

    def save_template(self, path: str | None = None):
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("下载导入模板"), f"{self.entity.key}_template.xlsx", "Excel (*.xlsx)"
            )
        if not path:
            return False
        from jxc_desktop.engine import excel_io

        ok, _ = self.ops.run(
            lambda: excel_io.write_template(self.entity.key, Path(path)), parent=self
        )
        if ok:
            messages.info(self, tr("模板已保存到 {p}").format(p=path))
        return ok

    def import_file(self):
        dialog = ImportDialog(self.ops, self.entity.key, self.entity.label, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog
