"""首页 › 开始使用: the steps a new company takes before its first document.

A company set up empty shows zeros everywhere and a 新建销售订单 with nothing to pick;
this box names what to enter first, in the order the forms need it, each step a link to
its list, ticked once it has data. It hides itself when every step is done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton

from jxc_desktop.ui.i18n import tr

DONE, OPEN = "✓", "○"


# the module a step belongs to: a company that switched it off never takes that step
STEP_MODULES = {"customers": "sales", "suppliers": "purchase", "opening_stock": "inventory"}


def steps(modules=None) -> list[tuple[str, str, str]]:
    """(what is counted, link text, hint) for the steps of the enabled `modules`
    (all when None)."""
    every = [
        ("warehouses", tr("仓库"), tr("建立仓库，需要时加上库位")),
        ("items", tr("商品"), tr("逐个录入，或在 基础资料 › 商品 用 Excel 批量导入")),
        ("customers", tr("客户"), tr("录入客户（也可从 Excel 导入）")),
        ("suppliers", tr("供应商"), tr("录入供应商（也可从 Excel 导入）")),
        ("opening_stock", tr("期初库存"), tr("录入开账时的库存数量和成本，然后就可以开单了")),
    ]
    return [
        step for step in every if modules is None or STEP_MODULES.get(step[0], "") in ("", *modules)
    ]


class GettingStarted(QGroupBox):
    open_list = Signal(str)  # a base-data list: warehouses, items, customers, suppliers
    open_stock = Signal(str)  # a 库存 document list: QCKC

    def __init__(self, modules=None, parent=None):
        super().__init__(tr("开始使用"), parent)
        self.setObjectName("gettingStarted")
        grid = QGridLayout(self)
        grid.setColumnStretch(2, 1)
        self.marks: dict[str, QLabel] = {}
        self.links: dict[str, QPushButton] = {}
        for row, (key, text, hint) in enumerate(steps(modules)):
            mark = QLabel(OPEN)
            link = QPushButton(f"{row + 1}. {text}")
            link.setObjectName(f"start_{key}")
            link.setProperty("homeAlert", True)  # styled as a link (pages.CARD_STYLE)
            link.setFlat(True)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            if key == "opening_stock":
                link.clicked.connect(lambda _checked=False: self.open_stock.emit("QCKC"))
            else:
                link.clicked.connect(lambda _checked=False, k=key: self.open_list.emit(k))
            note = QLabel(hint)
            note.setStyleSheet("color: #57606a;")
            grid.addWidget(mark, row, 0)
            grid.addWidget(link, row, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(note, row, 2)
            self.marks[key] = mark
            self.links[key] = link
        self.hide()  # until the first count says the company is new

    def show_counts(self, counts: dict[str, int]) -> None:
        """Ticks what has data (期初库存: an approved one, not a draft). The box goes once
        the base data is there and the company has approved a document: a shop that
        opened with no stock never enters a 期初库存."""
        done = {key: counts.get(key, 0) > 0 for key in self.marks}
        for key, mark in self.marks.items():
            mark.setText(DONE if done[key] else OPEN)
            mark.setStyleSheet("color: #1a7f37; font-weight: bold;" if done[key] else "")
        base_data = all(done[key] for key in self.marks if key != "opening_stock")
        started = done.get("opening_stock", False) or counts.get("approved", 0) > 0
        self.setVisible(not (base_data and started))
