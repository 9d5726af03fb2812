"""First run (建账向导): try the demo company, or set up a new company."""

from __future__ import annotations

import datetime as dt
import importlib.util

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from jxc_desktop.engine.company import MODULES, CompanySetup, init_company, validate_setup
from jxc_desktop.engine.errors import JxcError, ValidationError, require
from jxc_desktop.engine.session import open_company
from jxc_desktop.ui.forms import combo
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.system_page import value_labels

DEMO_NAME = "演示公司：华兴商贸有限公司"


def demo_available() -> bool:
    return importlib.util.find_spec("jxc_desktop.engine.demo") is not None


def module_labels() -> dict[str, str]:
    return {
        "sales": tr("销售"),
        "purchase": tr("采购"),
        "inventory": tr("库存"),
        "production": tr("生产"),
        "finance": tr("财务"),
    }


class ChoicePage(QWizardPage):
    def __init__(self, db_path: str):
        super().__init__()
        self.setTitle(tr("欢迎使用 jxc 进销存"))
        self.setSubTitle(tr("还没有账套数据库。请选择："))
        self.demo = QRadioButton(tr("试用演示公司（含商品、客户、供应商、仓库等示例数据）"))
        self.new = QRadioButton(tr("新建我的公司账套"))
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        layout.addWidget(self.new)
        where = QLabel(tr("账套数据库文件将保存在：") + "\n" + db_path)
        where.setWordWrap(True)
        where.setStyleSheet("color: #57606a; margin-top: 16px;")
        layout.addWidget(where)
        if demo_available():
            self.demo.setChecked(True)
        else:
            self.demo.setEnabled(False)
            self.new.setChecked(True)
            layout.addWidget(QLabel(tr("（演示数据尚未随本版本提供）")))


class SetupPage(QWizardPage):
    """Company details; validatePage creates the company and shows every problem."""

    def __init__(self, db_path: str):
        super().__init__()
        self.db_path = db_path
        self.setTitle(tr("建立账套"))
        self.setSubTitle(tr("这些设置以后大多可以在“系统”中修改。"))
        form = QFormLayout(self)
        self.name = QLineEdit(tr("我的公司"))
        self.name.setObjectName("wizName")
        self.taxpayer = combo([(tr("一般纳税人"), "general"), (tr("小规模纳税人"), "small")])
        self.period = QLineEdit(f"{dt.date.today():%Y-%m}")
        self.period.setObjectName("wizPeriod")
        labels = value_labels()
        methods = ("moving_average", "fifo", "periodic", "specific")
        self.valuation = combo([(labels[m], m) for m in methods])
        self.negative = combo([(labels[v], v) for v in ("refuse", "allow")])
        modules = QWidget()
        grid = QGridLayout(modules)
        grid.setContentsMargins(0, 0, 0, 0)
        self.modules: dict[str, QCheckBox] = {}
        for i, (key, text) in enumerate(module_labels().items()):
            box = QCheckBox(text)
            box.setChecked(True)
            self.modules[key] = box
            grid.addWidget(box, i // 3, i % 3)
        self.error = QLabel()
        self.error.setObjectName("wizError")
        self.error.setStyleSheet("color: #d32f2f;")
        self.error.setWordWrap(True)
        form.addRow(tr("公司名称") + tr("："), self.name)
        form.addRow(tr("纳税人类型") + tr("："), self.taxpayer)
        form.addRow(tr("启用期间 (YYYY-MM)") + tr("："), self.period)
        form.addRow(tr("默认计价方法") + tr("："), self.valuation)
        form.addRow(tr("负库存") + tr("："), self.negative)
        form.addRow(tr("启用模块") + tr("："), modules)
        form.addRow(self.error)

    def initializePage(self) -> None:
        if self.wizard().use_demo():
            self.name.setText(DEMO_NAME)
            self.setTitle(tr("建立演示账套"))

    def setup(self) -> CompanySetup:
        return CompanySetup(
            name=self.name.text().strip(),
            taxpayer_type=self.taxpayer.currentData(),
            start_period=self.period.text().strip(),
            valuation_method=self.valuation.currentData(),
            negative_stock=self.negative.currentData(),
            modules=[k for k in MODULES if self.modules[k].isChecked()],
        )

    def validatePage(self) -> bool:
        try:
            self.wizard().create(self.setup())
        except ValidationError as exc:
            self.error.setText("\n".join(str(p) for p in exc.problems))
            return False
        except JxcError as exc:
            self.error.setText(exc.message)
            return False
        return True


class FirstRunWizard(QWizard):
    def __init__(self, db_path: str, parent=None):
        super().__init__(parent)
        self.db_path = db_path
        self.created = False
        self.setWindowTitle(tr("建账向导"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("取消"))
        self.choice = ChoicePage(db_path)
        self.details = SetupPage(db_path)
        self.addPage(self.choice)
        self.addPage(self.details)
        self.resize(620, 460)

    def use_demo(self) -> bool:
        return self.choice.demo.isChecked()

    def create(self, setup: CompanySetup) -> None:
        """Opens (creating) the database file and sets the company up, demo or empty."""
        require(validate_setup(setup))  # a bad form never leaves an empty file behind
        open_company(self.db_path, create=True)
        if self.use_demo():
            from jxc_desktop.engine.demo import build_demo

            build_demo(setup, close_past_months=True)
        else:
            init_company(setup)
        self.created = True
