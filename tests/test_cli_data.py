"""jxc import / export / template through jxc_desktop.cli.main."""

from openpyxl import load_workbook

from jxc_desktop.cli import main
from jxc_desktop.cli.data_commands import IMPORTERS


def _db(tmp_path):
    db = str(tmp_path / "c.sqlite")
    assert main(["--db", db, "init", "--start-period", "2026-01"]) == 0
    return db


def _fill(path, rows):
    wb = load_workbook(path)
    for row in rows:
        wb.worksheets[0].append(row)
    wb.save(path)


def test_template_import_export(tmp_path, capsys):
    db = _db(tmp_path)
    tpl = tmp_path / "w.xlsx"
    assert main(["--db", db, "template", "warehouses", str(tpl)]) == 0
    _fill(tpl, [["WH1", "主仓库"], ["WH2", "原料库"]])
    assert main(["--db", db, "import", "warehouses", str(tpl)]) == 0
    assert "新增 2 条" in capsys.readouterr().out
    out = tmp_path / "out.xlsx"
    assert main(["--db", db, "export", "warehouses", str(out)]) == 0
    assert "已导出 2 行" in capsys.readouterr().out
    assert main(["--db", db, "export", "units", str(tmp_path / "u.xlsx"), "--search", "箱"]) == 0


def test_import_errors_listed_with_rows_and_report(tmp_path, capsys):
    db = _db(tmp_path)
    tpl = tmp_path / "items.xlsx"
    main(["--db", db, "template", "items", str(tpl)])
    _fill(
        tpl,
        [
            ["A1", "螺丝", None, None, None, "个", "6901234567891"],
            ["A1", None, None, None, None, "个"],
        ],
    )
    capsys.readouterr()
    errors = tmp_path / "errors.xlsx"
    code = main(["--db", db, "import", "items", str(tpl), "--errors", str(errors)])
    err = capsys.readouterr().err
    assert code == 1
    assert "未写入任何数据" in err
    assert (
        "第 2 行, 条码 列" in err
        and "第 3 行, 商品编码 列" in err
        and "第 3 行, 商品名称 列" in err
    )
    assert errors.exists()
    assert main(["--db", db, "--lang", "en", "import", "items", str(tpl)]) == 1
    assert "row 2, column 条码" in capsys.readouterr().err


def test_unknown_kinds_and_update_flag(tmp_path, capsys):
    db = _db(tmp_path)
    assert main(["--db", db, "import", "gizmos", "x.xlsx", "--approve"]) == 1
    assert "gizmos" in capsys.readouterr().err
    assert main(["--db", db, "export", "nothing", "x.xlsx"]) == 1
    assert main(["--db", db, "template", "units", "x.xlsx"]) == 1
    assert set(IMPORTERS) >= {"items", "customers", "suppliers", "warehouses"}
    tpl = tmp_path / "c.xlsx"
    main(["--db", db, "template", "customers", str(tpl)])
    _fill(tpl, [["C1", "客户一"]])
    assert main(["--db", db, "import", "customers", str(tpl)]) == 0
    assert main(["--db", db, "import", "customers", str(tpl)]) == 1
    assert main(["--db", db, "import", "customers", str(tpl), "--update"]) == 0
    assert "更新 1 条" in capsys.readouterr().out
