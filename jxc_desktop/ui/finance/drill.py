"""Drill-down from the finance tab: a voucher's lines, or a business document's form.

The 凭证 list and the 对账 page both call `open_source(ops, ref, parent)` with
("v", voucher id) or ("d", document id). A voucher opens `VoucherDetailDialog`; a
document opens the same form its own module edits it in (sales / purchase documents:
the trade forms; stock documents: the inventory form); any other type (production,
quality) shows the vouchers it wrote, which is what the accountant is checking.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
)

from jxc_desktop.engine import documents
from jxc_desktop.engine.doctypes import DOC_TYPES
from jxc_desktop.engine.finance import voucher_view
from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.reports import Column
from jxc_desktop.ui.finance import tables

COLUMNS = [
    Column("number", "凭证号", "Voucher"),
    Column("date", "日期", "Date", "date"),
    Column("status", "状态", "Status"),
    Column("summary", "摘要", "Summary"),
    Column("account", "科目", "Account"),
    Column("debit", "借方金额", "Debit", "money"),
    Column("credit", "贷方金额", "Credit", "money"),
    Column("partner", "往来单位", "Partner"),
]
# the types the 销售 / 采购 tabs edit (ui/trade/doc_list.TYPES) and the 库存 tab's
TRADE_TYPES = {"XSDD", "XSCK", "XSFP", "SKD", "XSTH", "XSBJ", "CGDD", "CGRK", "CGFP", "FKD"}
TRADE_TYPES |= {"CGTH", "CGSQ"}
STOCK_TYPES = {"QCKC", "QTRK", "QTCK", "DBD", "PDD", "CBTZ"}


class VoucherDetailDialog(QDialog):
    """The lines of one or more vouchers, read-only, with their source document."""

    def __init__(self, voucher_ids: list[int], title: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title or tr("凭证明细", "Voucher details"))
        rows = voucher_view.voucher_lines(voucher_ids)
        sources = sorted({r["source"] for r in rows if r["source"]})
        self.source = QLabel(
            tr("来源单据：{s}", "Source document: {s}", s="、".join(sources))
            if sources
            else tr("手工凭证", "Manual voucher")
        )
        self.table = QTableWidget()
        tables.read_only(self.table)
        tables.fill(self.table, COLUMNS, _once_per_voucher(rows))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(980, 360)


def _once_per_voucher(rows: list[dict]) -> list[dict]:
    """Voucher number, date and status only on a voucher's first line, and a 合计 row
    after its lines (debit = credit to be seen), as on paper."""
    out: list[dict] = []
    for _voucher, group in groupby(rows, key=itemgetter("voucher_id")):
        lines = list(group)
        out.append(dict(lines[0]))
        out += [dict(r, number="", date=None, status="") for r in lines[1:]]
        total = dict.fromkeys(lines[0], "") | {"date": None, "summary": tr("合计", "Total")}
        for side in ("debit", "credit"):
            total[side] = sum(r[side] for r in lines)
        out.append(total)
    return out


def open_source(ops, ref: tuple, parent=None) -> QDialog | None:
    """Opens what a finance row names (see the module docstring); None when nothing."""
    if not ref:
        return None
    kind, key = ref
    if kind == "v":
        return _show(VoucherDetailDialog([key], parent=parent))
    doc = documents.get_document(key)
    form = _document_form(ops, doc, parent)
    if form is None:
        ids = voucher_view.document_voucher_ids(doc.id)
        form = VoucherDetailDialog(ids, f"{doc.number} {_label(doc.doc_type)}", parent)
    return _show(form)


def _label(prefix: str) -> str:
    dtype = DOC_TYPES.get(prefix)
    return dtype.label if dtype else prefix


def _document_form(ops, doc, parent) -> QDialog | None:
    """The document's own form, imported lazily: the finance tab does not need them."""
    if doc.doc_type in TRADE_TYPES:
        from jxc_desktop.ui.trade.money_form import MoneyForm
        from jxc_desktop.ui.trade.trade_form import TradeForm

        kind = TradeForm if DOC_TYPES[doc.doc_type].item_lines else MoneyForm
        return kind(ops, doc.doc_type, parent, doc_id=doc.id)
    if doc.doc_type == "PDD":
        from jxc_desktop.ui.inventory.stocktake import StocktakeDialog

        return StocktakeDialog(ops, doc.id, parent)
    if doc.doc_type in STOCK_TYPES:
        from jxc_desktop.ui.inventory.doc_form import DocumentForm

        return DocumentForm(ops, doc.doc_type, doc.id, parent)
    return None


def _show(dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
