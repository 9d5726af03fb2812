"""凭证整理: a month's vouchers renumbered 1..n per voucher word in date order, in one
transaction; only the numbers change; a closed month is refused."""

from __future__ import annotations

import pytest
from inventory_helpers import day, doc, make_item, make_warehouse

from jxc_desktop.cli import main
from jxc_desktop.engine.errors import StateError
from jxc_desktop.engine.finance import closing
from jxc_desktop.engine.finance.manual import (
    VoucherInput,
    VoucherLineInput,
    create_voucher,
    delete_draft,
)
from jxc_desktop.engine.finance.renumber import renumber
from jxc_desktop.models.company import AuditLog
from jxc_desktop.models.finance import Voucher, VoucherLine


def voucher(n: int, amount: str) -> Voucher:
    """A draft expense voucher dated day n."""
    lines = [
        VoucherLineInput("5602", debit=amount, summary="办公费"),
        VoucherLineInput("1001", credit=amount, summary="办公费"),
    ]
    return create_voucher(VoucherInput(day(n), "办公费", lines))


def numbers() -> list[tuple[str, str, int]]:
    """(date, word, number) of every voucher of January, in number order per word."""
    query = Voucher.select().where(Voucher.period == "2026-01")
    return sorted((v.word, v.number, v.date.isoformat()) for v in query)


def lines_by_voucher() -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = {}
    for line in VoucherLine.select().order_by(VoucherLine.id):
        out.setdefault(line.voucher_id, []).append(
            (line.line_no, line.account_id, line.debit, line.credit, line.summary)
        )
    return out


@pytest.fixture
def month(company):
    """记-0001 day 20, 记-0002 day 5, 记-0003 day 10 (then made a 收 voucher), 记-0003
    again day 12 (deleted: a gap), 记-0004 day 5 again, and a stock receipt's document
    voucher 记-0005 on day 8."""
    make_warehouse("W1")
    make_item("A")
    voucher(20, "100")
    voucher(5, "200")
    receipt_word = voucher(10, "300")
    Voucher.update(word="收", number=1).where(Voucher.id == receipt_word.id).execute()
    gap = voucher(12, "400")
    voucher(5, "500")
    delete_draft(gap.id)
    doc("QTRK", day(8), [("A", 2, "3")])  # approving writes its voucher, numbered last
    return company


def test_numbers_follow_dates_per_word_without_gaps(month):
    before = numbers()
    assert [(w, n, d[-2:]) for w, n, d in before if w == "记"] == [
        ("记", 1, "20"),
        ("记", 2, "05"),
        ("记", 4, "05"),
        ("记", 5, "08"),
    ]
    lines = lines_by_voucher()
    result = renumber("2026-01")
    after = numbers()
    assert [(w, n, d[-2:]) for w, n, d in after] == [
        ("收", 1, "10"),
        ("记", 1, "05"),  # the older of the two day-5 vouchers (记-0002) first
        ("记", 2, "05"),
        ("记", 3, "08"),
        ("记", 4, "20"),
    ]
    assert (result.total, result.changed) == (5, 4)
    assert "凭证整理完成" in result.messages[0]
    assert lines_by_voucher() == lines  # lines untouched, still on the same vouchers
    for v in Voucher.select():
        assert sum(line.debit for line in v.lines) == sum(line.credit for line in v.lines)
    moved = Voucher.get((Voucher.word == "记") & (Voucher.number == 3))
    assert moved.source is not None and moved.source.doc_type == "QTRK"
    assert AuditLog.select().where(AuditLog.action == "voucher.renumber").count() == 1


def test_again_changes_nothing(month):
    renumber("2026-01")
    result = renumber("2026-01")
    assert result.changed == 0 and "无需整理" in result.messages[0]


def test_a_closed_month_is_refused_and_left_alone(company):
    closing.close("2026-01")  # nothing in it: closes at once
    before = numbers()
    with pytest.raises(StateError) as refused:
        renumber("2026-01")
    assert "已结账" in refused.value.message
    assert numbers() == before


def test_from_the_command_line(month, capsys):
    assert main(["--db", str(month), "voucher", "renumber", "2026-01"]) == 0
    assert "凭证整理完成" in capsys.readouterr().out
    assert [n for w, n, _ in numbers() if w == "记"] == [1, 2, 3, 4]


def test_the_voucher_list_button_asks_then_renumbers(month, qtbot, monkeypatch):
    from jxc_desktop.ui import messages
    from jxc_desktop.ui.finance import FinancePage
    from jxc_desktop.ui.ops import Ops

    said: list[str] = []
    monkeypatch.setattr(messages, "info", lambda parent, text: said.append(text))
    page = FinancePage(Ops())
    qtbot.addWidget(page)
    view = page.vouchers
    view.period.setText("2026-01")
    view.refresh()
    box = view.renumber()  # a question first; nothing changed yet
    assert "重新编排" in box.text() and [n for w, n, _ in numbers() if w == "记"][-1] == 5
    box.accept()
    assert said and "凭证整理完成" in said[0]
    shown = [view.model.row_values(r)[:2] for r in range(view.model.rowCount())]
    ji = [s for s in shown if s[0].startswith("记")]
    assert [s[0] for s in ji] == ["记-0001", "记-0002", "记-0003", "记-0004"]
    assert [s[1] for s in ji] == sorted(s[1] for s in ji)  # dates in order
    view.ops.shutdown()
