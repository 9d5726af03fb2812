"""库存预警 on the 库存 tab: the stock-alerts report with a 预警类型 choice.

The 首页 alert counts open it filtered to the kind clicked. Export and print take the
rows on screen, so a filtered list prints as shown. 生成请购单 turns the items below
safety stock into a draft 请购单 (each up to its maximum) and opens it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from jxc_desktop.engine.i18n import tr as etr
from jxc_desktop.engine.reports import ReportParams
from jxc_desktop.ui.inventory.flow_layout import pair
from jxc_desktop.ui.inventory.report_view import ReportView
from jxc_desktop.ui.ops import Ops


def of_kind(rows: list[dict], kind: str | None) -> list[dict]:
    """The alerts of one kind ("" or None: all of them)."""
    return [row for row in rows if not kind or row["kind"] == kind]


class AlertsView(ReportView):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(ops, "stock-alerts", parent)
        every = self.report.run
        self.report = replace(self.report, run=lambda p: of_kind(every(p), _kind_of(p)))
        self.kind = QComboBox()
        self.kind.setObjectName("alertKind")
        self.kind.addItem(etr("全部", "All"), "")
        from jxc_desktop.ui.pages import alert_labels  # pages imports the tabs' modules

        for key, label in alert_labels().items():
            self.kind.addItem(label, key)
        self.options["kind"] = self.kind  # read into params.extra with the other options
        self.filter_bar.insertWidget(0, pair(QLabel(etr("预警类型：", "Alert:")), self.kind))
        self.kind.currentIndexChanged.connect(lambda _index: self.run())
        self.requisition = QPushButton(etr("生成请购单", "Make a requisition"))
        self.requisition.setObjectName("alertRequisition")
        self.requisition.setToolTip(
            etr(
                "低于安全库存的商品补到最高库存（未设最高库存则补到安全库存），生成请购单草稿",
                "Items below safety stock, each up to its maximum (or its safety stock), "
                "as a draft purchase requisition",
            )
        )
        self.requisition.clicked.connect(lambda: self.make_requisition())
        actions = self.actions_box.layout()
        printing = self.findChild(QPushButton, "btn_print")
        actions.insertWidget(actions.indexOf(printing) + 1, self.requisition)  # with the actions
        self._fit_label_column(list(alert_labels().values()))

    def make_requisition(self, day: dt.date | None = None):
        """A draft 请购单 from the items below safety stock, opened in its form."""
        from jxc_desktop.engine.trade.pricing import requisition_from_alerts
        from jxc_desktop.ui.finance.drill import open_source

        ok, doc = self.ops.run(
            lambda: requisition_from_alerts(day or dt.date.today()),
            parent=self,
            changed="documents",
        )
        return open_source(self.ops, ("d", doc.id), self) if ok else None

    def _fit_label_column(self, labels: list[str]) -> None:
        """The 说明 column as wide as its longest words ("Above maximum stock" in English)."""
        keys = [column.key for column in self.report.columns]
        metrics = self.table.fontMetrics()
        wide = max(metrics.horizontalAdvance(text) for text in labels) + 24  # cell padding
        column = keys.index("kind_label")
        self.table.setColumnWidth(column, max(self.table.columnWidth(column), wide))

    def show_kind(self, kind: str):
        """Chooses the kind (silently) and runs the list once; returns the job."""
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.blockSignals(False)
        return self.run()


def _kind_of(params: ReportParams) -> str | None:
    return (params.extra or {}).get("kind")
