"""Import from Excel in the 基础资料 tab: every bad row listed, nothing written."""

from __future__ import annotations

import openpyxl
from ui_helpers import make_window

from jxc_desktop.models.masterdata import Item


def fill_template(path, rows):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    book.save(path)


def test_template_with_bad_rows_lists_every_error(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    page = window.pages["masterdata"]
    template = tmp_path / "items.xlsx"
    assert page.save_template(str(template))
    fill_template(
        template,
        [
            {"商品编码": "A1", "商品名称": "矿泉水", "基本单位": "瓶", "销售价": "2"},
            {"商品编码": "A2", "商品名称": "", "基本单位": "瓶"},  # row 3: no name
            {"商品编码": "A3", "商品名称": "饼干", "基本单位": "无此单位"},  # row 4
            {"商品编码": "A4", "商品名称": "面包", "基本单位": "个", "条码": "6901234567893"},
        ],
    )
    dialog = page.import_file()
    dialog.run_import(str(template))
    qtbot.waitUntil(lambda: not page.ops.busy(), timeout=10_000)
    rows = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert {"3", "4", "5"} <= rows
    assert dialog.table.rowCount() >= 3
    assert all(dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount()))
    assert Item.select().count() == 0  # nothing written
    assert dialog.save_report.isEnabled()
    report = tmp_path / "errors.xlsx"
    assert dialog.write_report(str(report))
    sheet = openpyxl.load_workbook(report).worksheets[0]
    assert sheet.max_row >= 4  # header + every problem


def test_good_file_imports_and_the_list_refreshes(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    page = window.pages["masterdata"]
    template = tmp_path / "items.xlsx"
    page.save_template(str(template))
    fill_template(
        template,
        [{"商品编码": f"G{i}", "商品名称": f"商品{i}", "基本单位": "个"} for i in range(5)],
    )
    dialog = page.import_file()
    dialog.run_import(str(template))
    qtbot.waitUntil(lambda: not page.ops.busy(), timeout=10_000)
    assert Item.select().count() == 5
    assert dialog.table.rowCount() == 0
    assert "5" in dialog.status.text()
    assert page.list.model.rowCount() == 5
    home = window.pages["home"]
    window.select_tab("home")  # 首页 counts again when it is shown, not while hidden
    qtbot.waitUntil(lambda: home.values["items"].text() == "5", timeout=5000)
    export = tmp_path / "export.xlsx"
    page.export_list(str(export))
    qtbot.waitUntil(lambda: not page.ops.busy(), timeout=10_000)
    assert openpyxl.load_workbook(export).worksheets[0].max_row == 6


def test_cancelled_import_writes_nothing(qtbot, company, tmp_path):
    from jxc_desktop.ui import messages

    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    page = window.pages["masterdata"]
    template = tmp_path / "items.xlsx"
    page.save_template(str(template))
    fill_template(
        template,
        [{"商品编码": f"C{i:05d}", "商品名称": "批量", "基本单位": "个"} for i in range(1500)],
    )
    dialog = page.import_file()
    job = dialog.run_import(str(template))
    job.stop.set()  # what the progress dialog's 取消 button does
    qtbot.waitUntil(lambda: not page.ops.busy(), timeout=20_000)
    assert Item.select().count() == 0
    assert "取消" in messages.shown[-1].text()
    messages.shown[-1].close()
