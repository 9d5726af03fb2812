"""The voucher list: ids first, rows fetched in pages as they scroll into view."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from jxc_desktop.engine import money
from jxc_desktop.engine.finance.voucher_view import status_label
from jxc_desktop.models.finance import Voucher, VoucherLine
from jxc_desktop.ui.i18n import tr

PAGE = 200
AMOUNT = 3
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class VoucherListModel(QAbstractTableModel):
    """One row per voucher of a period: number, date, summary, debit total, status, source."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ids: list[int] = []
        self.cache: dict[int, tuple] = {}
        self.headers = [
            tr("凭证号"),
            tr("日期"),
            tr("摘要"),
            tr("金额"),
            tr("状态"),
            tr("来源单据"),
        ]

    def load(self, period: str) -> None:
        self.beginResetModel()
        query = Voucher.select(Voucher.id).where(Voucher.period == period)
        self.ids = [v.id for v in query.order_by(Voucher.number)]
        self.cache = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def _fetch(self, row: int) -> None:
        start = row - row % PAGE
        ids = self.ids[start : start + PAGE]
        totals = {}
        for line in VoucherLine.select().where(VoucherLine.voucher.in_(ids)):
            totals[line.voucher_id] = totals.get(line.voucher_id, 0) + line.debit
        for v in Voucher.select().where(Voucher.id.in_(ids)):
            self.cache[v.id] = (
                v.display_number,
                str(v.date),
                v.summary,
                money.format_money(totals.get(v.id, 0)),
                status_label(v.status),
                v.source.number if v.source_id else "",
            )

    def row_values(self, row: int) -> tuple:
        vid = self.ids[row]
        if vid not in self.cache:
            self._fetch(row)
        return self.cache[vid]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AMOUNT:
            return RIGHT  # amounts line up on the decimal point
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.row_values(index.row())[index.column()]

    def voucher_id(self, row: int) -> int:
        return self.ids[row]

    def source_id(self, row: int) -> int | None:
        """The business document the row's voucher came from (None for a manual one)."""
        return Voucher.get_by_id(self.ids[row]).source_id
