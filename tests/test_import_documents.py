"""`jxc import documents`: the interchange sheet, all-or-nothing, backdated approvals."""

import csv
import datetime as dt
from decimal import Decimal

import pytest
from inventory_helpers import make_item, make_warehouse, pool
from openpyxl import Workbook

from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.interchange.documents import import_documents
from jxc_desktop.models.documents import Document
from jxc_desktop.models.stock import StockMove

HEAD = [
    "单据类型",
    "单据编号",
    "日期",
    "时间",
    "仓库",
    "调入仓库",
    "商品编码",
    "数量",
    "单价",
    "批次",
]


def write_xlsx(path, rows, head=HEAD):
    wb = Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture
def shop(company):
    make_warehouse("W1", ["A-01"])
    make_warehouse("W2")
    make_item("A")
    make_item("F", method="fifo")
    return company


def test_import_and_approve_in_date_order_with_backdating(shop, tmp_path):
    path = write_xlsx(
        tmp_path / "docs.xlsx",
        [
            ("QCKC", "OPEN-1", "2026-01-01", None, "W1", None, "A", 10, 1, None),
            ("QTCK", "OUT-1", "2026-01-05", None, "W1", None, "A", 10, None, None),
            ("QTRK", "IN-9", "2026-01-10", None, "W1", None, "A", 10, "3.00", None),
            # listed last but dated first among the movements: re-values OUT-1
            ("QTRK", "IN-2", dt.date(2026, 1, 3), "08:30", "W1", None, "A", 10, 2, None),
            ("DBD", "T-1", "2026-01-11", None, "W1", "W2", "A", 5, None, None),
        ],
    )
    result = import_documents(path, approve=True)
    assert (result.documents, result.approved) == (5, 5)
    # approved in date order: 10 @ 1, 10 @ 2, out 10 @ 1.50, 10 @ 3, transfer 5 @ 2.25
    assert pool("A", "W1") == (Decimal(15), Decimal("33.75"))
    assert pool("A", "W2") == (Decimal(5), Decimal("11.25"))
    # a later file with a backdated receipt re-values the issue and the transfer
    later = write_xlsx(
        tmp_path / "later.xlsx",
        [("QTRK", "IN-0", "2026-01-02", None, "W1", None, "A", 20, "0.50", None)],
    )
    import_documents(later, approve=True)
    # 1/5: 40 for 40.00 → out 10 @ 1.00; 1/10: 40 for 60 → transfer 5 @ 1.50
    assert pool("A", "W2") == (Decimal(5), Decimal("7.50"))
    assert pool("A", "W1") == (Decimal(35), Decimal("52.50"))
    doc = Document.get(Document.external_number == "OUT-1")
    moves = StockMove.select().where(
        (StockMove.document == doc)
        | (StockMove.adjusts.in_(StockMove.select(StockMove.id).where(StockMove.document == doc)))
    )
    assert sum(m.value for m in moves) == Decimal("-10.00")


def test_every_bad_row_reported_and_nothing_written(shop, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ("QTRK", "IN-1", "2026-01-01", None, "W1", None, "A", 10, 1, None),
            ("QTRK", "IN-1", "2026-01-01", None, "W1", None, "NOPE", 1, 1, None),
            ("QTRK", "IN-2", "2026-13-01", None, "W1", None, "A", "1e3", 1, None),
            ("XXXX", "Z", "2026-01-01", None, "W1", None, "A", 1, 1, None),
            ("QTCK", "OUT-1", "2026-01-02", "25:00", "W9", None, "A", -1, None, None),
        ],
    )
    with pytest.raises(ValidationError) as info:
        import_documents(path, approve=True)
    where = {(p.row, p.column) for p in info.value.problems}
    assert {
        (3, "商品编码"),
        (4, "日期"),
        (4, "数量"),
        (5, "单据类型"),
        (6, "时间"),
        (6, "仓库"),
        (6, "数量"),
    } <= where
    assert Document.select().count() == 0 and StockMove.select().count() == 0


def test_refusal_at_approval_rolls_back_the_whole_file(shop, tmp_path):
    path = write_xlsx(
        tmp_path / "short.xlsx",
        [
            ("QTRK", "IN-1", "2026-01-01", None, "W1", None, "A", 5, 1, None),
            ("QTCK", "OUT-1", "2026-01-02", None, "W1", None, "A", 8, None, None),
        ],
    )
    with pytest.raises(ValidationError) as info:
        import_documents(path, approve=True)
    assert info.value.problems[0].row == 3
    assert Document.select().count() == 0


def test_duplicate_external_number_refused(shop, tmp_path):
    rows = [("QTRK", "IN-1", "2026-01-01", None, "W1", None, "A", 5, 1, None)]
    import_documents(write_xlsx(tmp_path / "a.xlsx", rows))
    with pytest.raises(ValidationError) as info:
        import_documents(write_xlsx(tmp_path / "b.xlsx", rows))
    assert info.value.problems[0].column == "单据编号"


def test_csv_with_text_numbers_and_stocktake(shop, tmp_path):
    path = tmp_path / "docs.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEAD)
        w.writerow(["QTRK", "IN-1", "2026-01-01", "", "W1", "", "F", "10", "1234.50", ""])
        w.writerow(["PDD", "PD-1", "2026-01-31", "", "W1", "", "F", "7", "", ""])
    import_documents(path, approve=True)
    assert pool("F") == (Decimal(7), Decimal("8641.50"))


def test_unknown_column_is_an_error(shop, tmp_path):
    path = write_xlsx(
        tmp_path / "x.xlsx", [("QTRK", "1", "2026-01-01")], ["单据类型", "单据编号", "日期", "颜色"]
    )
    with pytest.raises(ValidationError) as info:
        import_documents(path)
    assert info.value.problems[0].column == "颜色"


def test_cli_import_documents_and_reports(shop, tmp_path, capsys):
    from jxc_desktop.cli import main
    from jxc_desktop.engine.session import close_company

    path = write_xlsx(
        tmp_path / "d.xlsx",
        [
            ("QTRK", "EXT-1", "2026-01-01", None, "W1", None, "A", 3, "1.10", None),
            ("QTCK", "EXT-2", "2026-01-02", None, "W1", None, "A", 1, None, None),
        ],
    )
    close_company()
    db = str(shop)
    assert main(["--db", db, "import", "documents", str(path), "--approve"]) == 0
    assert main(["--db", db, "report", "stock-ledger", "--item", "A", "--format", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [r["external_number"] for r in rows] == ["EXT-1", "EXT-2"]
    assert rows[-1]["balance_value"] == "2.20" and rows[-1]["qty"] == "-1.0000"
    assert main(["--db", db, "doc", "unapprove", "EXT-2"]) == 0
    assert main(["--db", db, "check"]) == 0
    assert main(["--db", db, "--lang", "en", "doc", "approve", "NOPE"]) == 1
    assert "No document" in capsys.readouterr().err


def test_bad_number_reported_once_and_work_order_as_source(shop, tmp_path):
    head = HEAD + ["源单编号"]
    path = write_xlsx(
        tmp_path / "n.xlsx",
        [("QTRK", "N-1", "2026-01-02", None, "W1", None, "A", "1e3", 1, None, None)],
        head,
    )
    with pytest.raises(ValidationError) as info:
        import_documents(path)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "数量")]
    ok = write_xlsx(
        tmp_path / "wo.xlsx",
        [
            ("QTRK", "IN-1", "2026-01-01", None, "W1", None, "A", 5, 1, None, None),
            ("SCDD", "WO-1", "2026-01-02", None, None, None, "F", 1, None, None, None),
            ("SCLL", "LL-1", "2026-01-03", None, "W1", None, "A", 2, None, None, "WO-1"),
        ],
        head,
    )
    import_documents(ok, approve=True)
    issue = Document.get(Document.external_number == "LL-1")
    assert issue.lines[0].source_line.document.external_number == "WO-1"


def test_ambiguous_external_number_is_refused(shop, tmp_path):
    from jxc_desktop.engine.documents import find_document
    from jxc_desktop.engine.errors import JxcError

    import_documents(
        write_xlsx(
            tmp_path / "a.xlsx",
            [
                ("QTRK", "N-1", "2026-01-01", None, "W1", None, "A", 5, 1, None),
                ("QTCK", "N-1", "2026-01-02", None, "W1", None, "A", 1, None, None),
            ],
        )
    )
    with pytest.raises(JxcError) as info:
        find_document("N-1")
    assert "QTRK" in str(info.value) and "QTCK" in str(info.value)
    assert find_document("N-1", "QTCK").doc_type == "QTCK"


def test_unknown_item_does_not_hide_the_rows_other_problems(shop, tmp_path):
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [("QTRK", "U-1", "2026-01-02", None, "W1", None, "NOPE", "1e3", "abc", None)],
    )
    with pytest.raises(ValidationError) as info:
        import_documents(path)
    assert {(p.row, p.column) for p in info.value.problems} == {
        (2, "商品编码"),
        (2, "数量"),
        (2, "单价"),
    }
