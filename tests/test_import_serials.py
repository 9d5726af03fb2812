"""The 序列号 column of `jxc import documents`: one serial per base unit, named clearly."""

import csv

import pytest
from inventory_helpers import make_item, make_warehouse

from jxc_desktop.engine.errors import ValidationError
from jxc_desktop.engine.interchange.documents import COLUMNS, import_documents
from jxc_desktop.models.stock import SerialNumber

HEAD = ["单据类型", "单据编号", "日期", "仓库", "商品编码", "数量", "单价", "序列号"]


@pytest.fixture
def shop(company):
    make_warehouse("W1")
    make_item("PH", serial_managed=True)
    make_item("A")
    return company


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEAD)
        writer.writerows(rows)
    return path


def problems_of(path) -> list[tuple[int, str, str]]:
    with pytest.raises(ValidationError) as caught:
        import_documents(path, approve=True)
    return [(p.row, p.column, p.message) for p in caught.value.problems]


def test_every_domain_column_is_kept_and_serials_added():
    assert COLUMNS.index("序列号") > COLUMNS.index("有效期至")
    for name in (
        "单据类型",
        "单据编号",
        "批次",
        "生产日期",
        "有效期至",
        "金额",
        "账户",
        "源单编号",
    ):
        assert name in COLUMNS


def test_serials_received_then_issued(shop, tmp_path):
    path = write_csv(
        tmp_path / "in.csv",
        [
            ("QTRK", "R1", "2026-01-02", "W1", "PH", "3", "1000", "S1, S2、S3"),
            ("QTRK", "R1", "2026-01-02", "W1", "A", "5", "2", ""),
            ("QTCK", "C1", "2026-01-03", "W1", "PH", "2", "", "S3 S1"),
        ],
    )
    result = import_documents(path, approve=True)
    assert result.approved == 2
    in_stock = SerialNumber.select().where(SerialNumber.in_stock == True)  # noqa: E712
    assert [s.serial for s in in_stock] == ["S2"]


def test_bad_serial_rows_name_row_and_column(shop, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ("QTRK", "R1", "2026-01-02", "W1", "PH", "2", "1000", "S1"),  # row 2: 2 vs 1
            ("QTRK", "R2", "2026-01-02", "W1", "PH", "1", "1000", ""),  # row 3: none
            ("QTRK", "R3", "2026-01-02", "W1", "A", "1", "2", "X1"),  # row 4: not tracked
            ("QTRK", "R4", "2026-01-02", "W1", "PH", "2", "1000", "S7,S7"),  # row 5
            ("QTRK", "R5", "2026-01-02", "W1", "PH", "1", "1000", "S8"),
            ("QTRK", "R5", "2026-01-02", "W1", "PH", "1", "1000", "S8"),  # row 7: again
        ],
    )
    found = problems_of(path)
    assert [(r, c) for r, c, _m in found] == [(n, "序列号") for n in (2, 3, 4, 5, 7)]
    assert "数量 2 需要 2 个序列号（每件一个），本行填了 1 个" in found[0][2]
    assert "本行填了 0 个" in found[1][2]
    assert "未启用序列号管理" in found[2][2]
    assert "S7" in found[3][2] and "S8" in found[4][2]
    assert SerialNumber.select().count() == 0


def test_serial_already_in_stock_is_reported_under_its_column(shop, tmp_path):
    first = [("QTRK", "R1", "2026-01-02", "W1", "PH", "1", "1000", "S1")]
    import_documents(write_csv(tmp_path / "first.csv", first), approve=True)
    again = [
        ("QTRK", "R2", "2026-01-03", "W1", "A", "1", "2", ""),
        ("QTRK", "R2", "2026-01-03", "W1", "PH", "1", "1000", "S1"),  # row 3
    ]
    found = problems_of(write_csv(tmp_path / "again.csv", again))
    assert [(r, c) for r, c, _m in found] == [(3, "序列号")]
    assert "R2" in found[0][2] and "序列号 S1 已在库" in found[0][2]


def test_engine_problems_name_the_sheets_column(shop, tmp_path):
    # no 仓库: the sheet itself lets it pass, the engine refuses the field "warehouse"
    rows = [("QTRK", "R1", "2026-01-02", "", "A", "1", "2", "")]
    with pytest.raises(ValidationError) as caught:
        import_documents(write_csv(tmp_path / "nowh.csv", rows))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "仓库")
    assert str(problem).startswith("第 2 行, 仓库 列: ")


def test_engine_problems_land_on_the_row_and_column_they_name(shop, tmp_path):
    from jxc_desktop.engine.errors import Problem
    from jxc_desktop.engine.excel_read import SheetRow
    from jxc_desktop.engine.interchange.documents import _at_row, _Group

    group = _Group("QTRK", "R1", [SheetRow(n, {}) for n in (4, 5, 6)])
    engine = [
        Problem("a", "第 2 行"),  # the document's line 2 came from sheet row 5
        Problem("b", "line 3"),
        Problem("c", "date"),
        Problem("d", "item"),
        Problem("e", "第 9 行"),  # no such line: the document's first row
        Problem("f"),
        Problem("g", row=8, column="数量"),  # already placed: kept
    ]
    placed = [(p.row, p.column) for p in _at_row(engine, group)]
    assert str(_at_row(engine, group)[0]) == "第 5 行: a"
    assert placed == [
        (5, None),
        (6, None),
        (4, "日期"),
        (4, "商品编码"),
        (4, None),
        (4, None),
        (8, "数量"),
    ]
    # an approval refused for the stock: the document's row, under 数量
    rows = [
        ("QTRK", "R1", "2026-01-02", "W1", "A", "5", "2", ""),
        ("QTCK", "C1", "2026-01-03", "W1", "A", "10", "", ""),
    ]
    found = problems_of(write_csv(tmp_path / "short.csv", rows))
    assert [(r, c) for r, c, _m in found] == [(3, "数量")]
    assert "C1" in found[0][2]
