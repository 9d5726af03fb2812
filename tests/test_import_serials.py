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
