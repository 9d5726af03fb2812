"""系统: company settings, language, the database file, about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

import jxc_desktop
from jxc_desktop.engine import settings
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.ui import choices
from jxc_desktop.ui.i18n import current_language, tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.pages import TabPage


def setting_labels() -> dict[str, str]:
    return {
        "negative_stock": tr("负库存"),
        "valuation_method": tr("新商品默认计价方法"),
        "credit_control": tr("信用控制"),
        "ar_ap_basis": tr("应收应付确认依据"),
        "voucher_review": tr("业务凭证审核"),
        "expiry_warning_days": tr("效期预警天数"),
        "slow_moving_days": tr("呆滞料天数"),
        "process_cost_method": tr("分步法约当产量"),
        "overhead_basis": tr("制造费用分配标准"),
        "overhead_rate": tr("预定制造费用分配率"),
        "voucher_self_review": tr("制单人可审核自己的凭证"),
        "quarantine_warehouse": etr("不合格品仓库", "Quarantine warehouse"),
        "work_week": etr("工作中心默认工作日", "Work centres' default working days"),
        "label_layout": etr("条码标签版式", "Barcode label layout"),
        "over_completion": etr("超生产订单完工入库", "Receipts beyond a work order"),
    }


def value_label(key: str, option: str, values: dict[str, str]) -> str:
    """A setting value's label; some keys share values ("allow") that mean other things."""
    own = {
        ("voucher_self_review", "allow"): tr("允许"),
        ("voucher_self_review", "refuse"): tr("不允许"),
        ("work_week", "mon_sat"): etr("周一至周六", "Monday to Saturday"),
        ("work_week", "mon_fri"): etr("周一至周五", "Monday to Friday"),
        ("work_week", "all"): etr("每天", "Every day"),
        ("over_completion", "refuse"): etr("不允许", "Refuse"),
        ("over_completion", "allow"): etr("允许", "Allow"),
    }
    return own.get((key, option)) or values.get(option, option)


def placeholder(key: str, spec: settings.SettingSpec) -> str:
    return {
        "overhead_rate": tr("小数，可留空"),
        "expiry_warning_days": tr("天数"),
        "slow_moving_days": tr("天数"),
        "label_layout": etr(
            "roll-50x30、roll-40x30、a4-3x8，或自定义如 60x40",
            "roll-50x30, roll-40x30, a4-3x8, or a size such as 60x40",
        ),
    }.get(key, spec.choices)


def value_labels() -> dict[str, str]:
    return {
        "refuse": tr("拒绝出库"),
        "allow": tr("允许负库存"),
        "moving_average": tr("移动加权平均"),
        "fifo": tr("先进先出"),
        "periodic": tr("月末一次加权平均"),
        "specific": tr("个别计价"),
        "block": tr("禁止"),
        "warn": tr("提醒"),
        "off": tr("关闭"),
        "delivery": tr("按出入库"),
        "invoice": tr("按发票"),
        "with_document": tr("随单据审核"),
        "separate": tr("单独审核"),
        "weighted": tr("加权平均"),
        "labour_hours": tr("人工工时"),
        "machine_hours": tr("机器工时"),
        "material_cost": tr("材料成本"),
        "output_qty": tr("产量"),
    }


def spec_choices(spec: settings.SettingSpec) -> list[str]:
    """The fixed values of a setting, when it has some ("refuse / allow")."""
    options = [part.strip() for part in spec.choices.split("/")]
    return options if len(options) > 1 and all(spec.check(o) for o in options) else []


class SystemPage(TabPage):
    language_requested = Signal(str)

    def __init__(self, ops: Ops, db_path: str, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.editors: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._settings_box())
        layout.addWidget(self._language_box())
        layout.addWidget(self._about_box(db_path))
        self.refresh()

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox(tr("账套设置"))
        form = QFormLayout(box)
        labels, values = setting_labels(), value_labels()
        for key, spec in settings.SPECS.items():
            options = spec_choices(spec)
            if key == "quarantine_warehouse":
                editor = self._warehouse_choice()
            elif options:
                editor = QComboBox()
                for option in options:
                    editor.addItem(value_label(key, option, values), option)
            else:
                editor = QLineEdit()
                editor.setPlaceholderText(placeholder(key, spec))
            editor.setObjectName(f"setting_{key}")
            editor.setToolTip(spec.description)
            self.editors[key] = editor
            form.addRow(labels.get(key, key) + tr("："), editor)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("保存设置"))
        self.save_button.clicked.connect(self.save)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        return box

    def _warehouse_choice(self) -> QComboBox:
        """A warehouse setting offers the warehouses (or none), never a typed code."""
        editor = QComboBox()
        self._fill_warehouses(editor)
        return editor

    @staticmethod
    def _fill_warehouses(editor: QComboBox) -> None:
        editor.clear()
        editor.addItem(etr("（不设置）", "(none)"), "")
        for code, name in choices.warehouses():
            editor.addItem(f"{code}  {name}", code)

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(tr("界面语言"))
        row = QHBoxLayout(box)
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(current_language()))
        apply = QPushButton(tr("切换语言"))
        apply.clicked.connect(lambda: self.language_requested.emit(self.language.currentData()))
        row.addWidget(self.language)
        row.addWidget(apply)
        row.addStretch(1)
        return box

    def _about_box(self, db_path: str) -> QGroupBox:
        box = QGroupBox(tr("关于"))
        form = QFormLayout(box)
        path = QLabel(db_path)
        path.setObjectName("dbPath")
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setWordWrap(True)
        form.addRow(tr("数据库文件") + tr("："), path)
        form.addRow(tr("版本") + tr("："), QLabel(getattr(jxc_desktop, "__version__", "0.1.0")))
        about = QLabel(tr("jxc_desktop 进销存：离线优先的小企业进销存与财务软件。"))
        about.setWordWrap(True)
        form.addRow(about)
        return box

    def refresh(self) -> bool:
        for key, editor in self.editors.items():
            value = settings.get(key)
            if key == "quarantine_warehouse":  # warehouses may have been added since
                self._fill_warehouses(editor)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor.setText(value)
        return True

    def save(self) -> bool:
        """Writes the settings that changed, one engine call each; stops at the first error."""
        for key, editor in self.editors.items():
            value = editor.currentData() if isinstance(editor, QComboBox) else editor.text()
            if value == settings.get(key):
                continue
            ok, _ = self.ops.run(lambda k=key, v=value: settings.set_value(k, v), parent=self)
            if not ok:
                return True
        self.ops.changed.emit("settings")
        self.refresh()
        return True
