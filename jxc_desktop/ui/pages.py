"""The module tabs' common base, the honest "not built yet" page and 首页."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from jxc_desktop.engine.company import enabled_modules
from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.reports import stock_alerts
from jxc_desktop.ui import queries
from jxc_desktop.ui.buttons import link_button
from jxc_desktop.ui.getting_started import GettingStarted
from jxc_desktop.ui.home_overview import OverviewBox
from jxc_desktop.ui.i18n import tr
from jxc_desktop.ui.ops import Ops
from jxc_desktop.ui.refresh import Refresher


class TabPage(QWidget):
    """A module tab. The window's shortcuts call these; False means "nothing to do here"."""

    def new_record(self) -> bool:
        return False

    def save(self) -> bool:
        return False

    def find(self) -> bool:
        return False

    def refresh(self) -> bool:
        return False

    def print_view(self) -> bool:
        return False


class PlannedPage(TabPage):
    """A module that is not built yet says so plainly and lists what is planned."""

    def __init__(self, title: str, planned: list[str], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.setContentsMargins(24, 18, 24, 18)
        heading = QLabel(f"<h2>{title}</h2><p>{tr('本模块尚在开发中，目前不能使用。')}</p>")
        heading.setObjectName("plannedHeading")
        layout.addWidget(heading)
        box = QGroupBox(tr("计划提供的功能"))
        inner = QVBoxLayout(box)
        for line in planned:
            label = QLabel(f"• {line}")
            label.setWordWrap(True)
            inner.addWidget(label)
        layout.addWidget(box)


CARD_STYLE = """
QPushButton#homeCard { background: white; border: 1px solid #d0d7de; border-radius: 6px;
    padding: 12px 18px; text-align: left; }
QPushButton#homeCard:hover { border-color: #1f6feb; }
QPushButton#homeCard:disabled { color: black; }
QPushButton[homeAlert="true"] { border: none; padding: 0 2px; text-decoration: underline; }
"""


class HomePage(TabPage):
    """首页: the company, the working period and real counts from the database.

    Counted when data changes while 首页 is on screen, else when it is next shown."""

    open_list = Signal(str)  # a count card was clicked: show that base-data list
    open_alerts = Signal(str)  # an alert count was clicked: 库存预警 of that kind
    open_stock = Signal(str)  # 开始使用's 期初库存 step: that 库存 document list
    open_report = Signal(str, object, object)  # 经营概况: a report, its first / last date

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.setContentsMargins(24, 18, 24, 18)
        self.title = QLabel()
        self.title.setObjectName("homeTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("homeSubtitle")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        self.start = GettingStarted(enabled_modules())
        self.start.open_list.connect(self.open_list)
        self.start.open_stock.connect(self.open_stock)
        layout.addSpacing(8)
        layout.addWidget(self.start)
        cards = QGridLayout()
        cards.setSpacing(14)
        self.values: dict[str, QLabel] = {}
        self.cards: dict[str, QPushButton] = {}
        for i, (key, label) in enumerate(
            [
                ("items", tr("商品")),
                ("customers", tr("客户")),
                ("suppliers", tr("供应商")),
                ("warehouses", tr("仓库")),
                ("documents", tr("单据")),
            ]
        ):
            cards.addWidget(self._card(key, label), 0, i)
        layout.addSpacing(12)
        layout.addLayout(cards)
        layout.addSpacing(12)
        self.overview = OverviewBox(ops, enabled_modules())
        self.overview.open_report.connect(self.open_report)
        layout.addWidget(self.overview)
        layout.addWidget(self._alerts_box())
        from jxc_desktop.ui.trade.dashboard import TradeDashboard  # ui.trade imports this module

        self.trade = TradeDashboard(ops)
        layout.addWidget(self.trade)
        self.setStyleSheet(CARD_STYLE)
        self.refresher = Refresher(self, self.refresh, ops)
        self.refresh()

    def _alerts_box(self) -> QGroupBox:
        """Each count is a link to the 库存预警 list of its kind."""
        box = QGroupBox(tr("库存预警"))
        row = QHBoxLayout(box)
        self.alerts: dict[str, QPushButton] = {}
        for key, label in alert_labels().items():
            value = link_button(
                lambda _checked=False, k=key: self.open_alerts.emit(k),
                f"alert_{key}",
                etr("查看明细", "Show the list"),
            )
            self.alerts[key] = value
            row.addWidget(QLabel(label + tr("：")))
            row.addWidget(value)
            row.addSpacing(18)
        row.addStretch(1)
        return box

    def _card(self, key: str, label: str) -> QPushButton:
        card = QPushButton()
        card.setObjectName("homeCard")
        card.setMinimumSize(150, 84)
        inner = QVBoxLayout(card)
        number = QLabel("…")
        number.setObjectName(f"home_{key}")
        number.setStyleSheet("font-size: 22pt; font-weight: bold; color: #1f2328;")
        caption = QLabel(label)
        caption.setStyleSheet("color: #57606a;")
        inner.addWidget(number)
        inner.addWidget(caption)
        if key == "documents":
            card.setEnabled(False)  # no document list yet: nothing to open
        else:
            card.clicked.connect(lambda _checked=False, k=key: self.open_list.emit(k))
        self.values[key] = number
        self.cards[key] = card
        return card

    def refresh(self) -> bool:
        data = queries.header()
        taxpayer = {"general": tr("一般纳税人"), "small": tr("小规模纳税人")}
        self.title.setText(f"<h1>{data.company}</h1>")
        self.subtitle.setText(
            "    ".join(
                [
                    tr("纳税人类型")
                    + tr("：")
                    + taxpayer.get(data.taxpayer_type, data.taxpayer_type),
                    tr("启用期间") + tr("：") + data.start_period,
                    tr("当前期间") + tr("：") + data.current_period,
                ]
            )
        )
        self.refresh_counts()
        return True

    def refresh_counts(self) -> None:
        """Counts base data and stock alerts on the worker thread: both scan whole tables,
        which on a million items would freeze the window after every save. A quiet job:
        it waits for the user's jobs, and a newer count replaces a waiting one."""
        self.ops.run_in_background(
            lambda _progress, _stop: (queries.counts(), stock_alerts.alert_counts()),
            title=tr("库存预警"),
            parent=self,
            quiet=True,
            key=f"home-counts-{id(self)}",
            on_success=self._show_counts,
            on_failure=self._counts_failed,
        )

    def _show_counts(self, result: tuple[dict[str, int], dict[str, int]]) -> None:
        if not isValid(self):
            return  # the page was rebuilt (language switch) while the count ran
        counts, alerts = result
        self.start.show_counts(counts)
        for key, label in self.values.items():
            label.setText(f"{counts.get(key, 0):,}")
        for key, label in self.alerts.items():
            number = alerts.get(key, 0)
            label.setText(f"{number:,}")
            label.setStyleSheet("color: #d32f2f; font-weight: bold;" if number else "")

    def _counts_failed(self, exc: BaseException) -> bool:
        if not isValid(self):
            return True
        for label in [*self.values.values(), *self.alerts.values()]:
            label.setText("?")
        return False  # shown as an error: the counts could not be read


def alert_labels() -> dict[str, str]:
    return {
        "below_safety": tr("低于安全库存"),
        "above_max": tr("超出最高库存"),
        "expiring": tr("即将过期"),
        "expired": tr("已过期"),
        "slow_moving": tr("呆滞料"),
    }


def planned_pages() -> list[tuple[str, str, list[str]]]:
    """(key, title, what is planned) for the modules not built yet."""
    return [
        (
            "sales",
            tr("销售"),
            [tr("销售报价、订单、出库、退货、发票"), tr("收款与应收账款、信用控制")],
        ),
        ("purchase", tr("采购"), [tr("采购申请、订单、入库、退货、发票"), tr("付款与应付账款")]),
        (
            "inventory",
            tr("库存"),
            [tr("其他出入库、调拨、盘点"), tr("库存余额、出入库明细、库存预警")],
        ),
        (
            "production",
            tr("生产"),
            [tr("物料清单、MRP 运算"), tr("生产订单、领料、产品入库、成本计算")],
        ),
        ("finance", tr("财务"), [tr("凭证录入、审核、记账"), tr("月末结账、科目余额表")]),
        (
            "reports",
            tr("报表"),
            [tr("资产负债表、利润表、现金流量表"), tr("库存与往来报表，导出 Excel/PDF")],
        ),
    ]
