"""The main window: tabs, shortcuts, status bar, remembered state, language, wizard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import make_item, make_window, type_text, ui_settings

from jxc_desktop.ui import messages
from jxc_desktop.ui.i18n import apply_language
from jxc_desktop.ui.main_window import TAB_ORDER
from jxc_desktop.ui.pages import PlannedPage


def test_every_tab_opens_and_unbuilt_modules_say_so(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "首页",
        "销售",
        "采购",
        "库存",
        "生产",
        "质检",
        "财务",
        "报表",
        "基础资料",
        "系统",
    ]
    for key in TAB_ORDER:
        window.select_tab(key)
        qtbot.wait(1)
        assert window.current_key() == key
        page = window.pages[key]
        if isinstance(page, PlannedPage):
            texts = " ".join(label.text() for label in page.findChildren(QLabel))
            assert "本模块尚在开发中" in texts


def test_home_shows_real_counts_and_status_bar(qtbot, company, tmp_path):
    make_item("A001", "矿泉水", safety_stock="10", max_stock="50")  # none on hand: an alert
    make_item("A002", "方便面")
    window = make_window(qtbot, company, tmp_path)
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.values["items"].text() != "…", timeout=5000)  # counted aside
    assert home.values["items"].text() == "2"
    assert home.values["customers"].text() == "0"
    assert "测试公司" in home.title.text() and "2026-01" in home.subtitle.text()
    assert home.alerts["below_safety"].text() == "1"
    assert home.alerts["expired"].text() == "0"
    home.cards["items"].click()
    assert window.current_key() == "masterdata"
    assert window.pages["masterdata"].list.model.rowCount() == 2
    assert window.status_labels["company"].text().endswith("测试公司")
    assert window.status_labels["period"].text().endswith("2026-01")
    assert str(company) in window.status_labels["db"].text()
    assert "系统管理员" in window.status_labels["user"].text()


def test_shortcuts_reach_the_current_tab(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    page = window.pages["masterdata"]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.list.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.isVisible()
    page.dialog.reject()
    # A tab without a printable view says so honestly.
    window.select_tab("sales")
    before = len(messages.shown)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(messages.shown) == before + 1
    assert "暂无可打印" in messages.shown[-1].text()
    messages.shown[-1].close()
    assert window.dispatch("new_record") is False


def test_window_remembers_its_tab(qtbot, company, tmp_path):
    settings = ui_settings(tmp_path)
    window = make_window(qtbot, company, tmp_path, settings)
    window.select_tab("system")
    window.close()
    again = make_window(qtbot, company, tmp_path, settings)
    assert again.current_key() == "system"


def test_language_switch_shows_english(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    try:
        window.switch_language("en")
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles == [
            "Home",
            "Sales",
            "Purchasing",
            "Inventory",
            "Production",
            "Quality",
            "Finance",
            "Reports",
            "Base data",
            "System",
        ]
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&File" in menus
        page = window.pages["masterdata"]
        assert page.buttons["new"].text() == "New"
        assert page.list.model.headerData(0, Qt.Orientation.Horizontal) == "Code"
    finally:
        apply_language("zh_CN")


def test_settings_page_changes_a_company_setting(qtbot, company, tmp_path):
    from jxc_desktop.engine import settings

    window = make_window(qtbot, company, tmp_path)
    page = window.pages["system"]
    combo = page.editors["negative_stock"]
    combo.setCurrentIndex(combo.findData("allow"))
    page.editors["slow_moving_days"].setText("120")
    page.save()
    assert settings.get("negative_stock") == "allow"
    assert settings.get("slow_moving_days") == "120"
    page.editors["slow_moving_days"].setText("abc")
    page.save()
    assert settings.get("slow_moving_days") == "120"
    assert "slow_moving_days" in messages.shown[-1].text()
    messages.shown[-1].close()


def test_every_setting_reads_as_words_in_both_languages(qtbot, company, tmp_path):
    """No raw key (work_week) or raw value (mon_sat) on the 账套设置 page (found by QA)."""
    from PySide6.QtWidgets import QComboBox, QFormLayout

    from jxc_desktop.engine import settings
    from jxc_desktop.ui.i18n import apply_language

    try:
        for language in ("zh_CN", "en"):
            apply_language(language)
            window = make_window(qtbot, company, tmp_path)
            page = window.pages["system"]
            form = page.editors["negative_stock"].parentWidget().layout()
            assert isinstance(form, QFormLayout)
            for key, editor in page.editors.items():
                label = form.labelForField(editor).text()
                assert key not in label and "_" not in label, (language, label)
                if isinstance(editor, QComboBox) and key != "quarantine_warehouse":
                    shown = [editor.itemText(i) for i in range(editor.count())]
                    assert not any("_" in text or text in settings.SPECS for text in shown), shown
            window.close()
    finally:
        apply_language("zh_CN")


def test_quarantine_warehouse_is_chosen_from_the_warehouses(qtbot, company, tmp_path):
    from inventory_helpers import make_warehouse

    from jxc_desktop.engine import settings

    make_warehouse("QC")
    window = make_window(qtbot, company, tmp_path)
    page = window.pages["system"]
    combo = page.editors["quarantine_warehouse"]
    assert combo.itemData(0) == "" and combo.findData("QC") > 0
    combo.setCurrentIndex(combo.findData("QC"))
    page.save()
    assert settings.get("quarantine_warehouse") == "QC"


def test_chinese_typed_through_the_input_method(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    window.select_tab("masterdata")
    search = window.pages["masterdata"].list.search
    type_text(search, "矿泉水")
    assert search.text() == "矿泉水"


def test_first_run_wizard_sets_up_a_company(qtbot, tmp_path):
    from jxc_desktop.engine.company import get_company
    from jxc_desktop.engine.session import close_company
    from jxc_desktop.ui.wizard import FirstRunWizard

    path = tmp_path / "new.sqlite"
    wizard = FirstRunWizard(str(path))
    qtbot.addWidget(wizard)
    wizard.choice.new.setChecked(True)
    wizard.details.name.setText("")
    wizard.details.period.setText("2026-13")
    assert wizard.details.validatePage() is False
    error = wizard.details.error.text()
    assert "公司名称" in error and "YYYY-MM" in error  # both problems at once
    type_text(wizard.details.name, "新星贸易")
    wizard.details.period.setText("2026-02")
    try:
        assert wizard.details.validatePage() is True
        assert get_company().name == "新星贸易"
    finally:
        close_company()


def test_lists_still_refresh_after_a_language_switch(qtbot, company, tmp_path):
    from jxc_desktop.engine.masterdata import save_unit

    window = make_window(qtbot, company, tmp_path)
    try:
        window.switch_language("en")
        window.select_tab("masterdata")
        page = window.pages["masterdata"]
        page.select_key("units")
        before = page.list.model.rowCount()
        window.ops.run(lambda: save_unit("桶"), changed="units")
        assert page.list.model.rowCount() == before + 1
        assert window.current_key() == "masterdata"
    finally:
        window.switch_language("zh_CN")
    assert window.tabs.tabText(0) == "首页"


@pytest.mark.parametrize("lang,title", [("zh_CN", "首页"), ("en", "Home")])
def test_main_opens_the_company_file(qtbot, company, tmp_path, monkeypatch, lang, title):
    from PySide6.QtWidgets import QApplication

    from jxc_desktop.ui import app as app_module
    from jxc_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(app_module, "app_settings", lambda: ui_settings(tmp_path))
    seen = []

    def run_event_loop(app):
        """Stands in for app.exec(): look at the window main() showed, then close it."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.status_labels["company"].text())
                seen.append(widget.tabs.tabText(0))
                widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_event_loop)
    try:
        assert app_module.main(["--db", str(company), "--lang", lang]) == 0
    finally:
        apply_language("zh_CN")
    assert seen and seen[0].endswith("测试公司") and seen[1] == title


def test_an_empty_file_asks_for_setup(tmp_path):
    from jxc_desktop.ui.app import has_company

    assert has_company(str(tmp_path / "missing.sqlite")) is False


def test_wizard_builds_the_demo_company(qtbot, tmp_path):
    from jxc_desktop.engine.session import close_company
    from jxc_desktop.models.masterdata import Item, Partner
    from jxc_desktop.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(str(tmp_path / "demo.sqlite"))
    qtbot.addWidget(wizard)
    assert wizard.choice.demo.isChecked()
    wizard.details.period.setText("2026-01")
    wizard.details.initializePage()
    try:
        assert wizard.details.validatePage(), wizard.details.error.text()
        assert Item.select().count() > 100 and Partner.select().count() >= 45
    finally:
        close_company()


def test_a_file_that_is_no_database_is_refused_with_a_message(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from jxc_desktop.ui import app as app_module

    bad = tmp_path / "notes.sqlite"
    bad.write_text("这不是数据库" * 100, encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(app_module, "app_settings", lambda: ui_settings(tmp_path))
    assert app_module.main(["--db", str(bad)]) == 1
    assert "notes.sqlite" in shown[0]


def test_switched_off_modules_have_no_tab(qtbot, company, tmp_path):
    from jxc_desktop.models.company import Setting

    Setting.update(value="sales,purchase,inventory").where(Setting.key == "modules").execute()
    window = make_window(qtbot, company, tmp_path)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["首页", "销售", "采购", "库存", "质检", "报表", "基础资料", "系统"]
    window.select_tab("production")
    assert window.current_key() == "home"


def test_the_smoke_test_shows_every_tab_and_counts_errors(qtbot, company, monkeypatch, capsys):
    """installer/build.sh runs the bundled GUI with --smoke-test: a module missing from
    the bundle must fail it, also when it is only imported once a tab is shown."""
    from jxc_desktop.ui import app as app_module
    from jxc_desktop.ui.main_window import MainWindow

    try:
        assert app_module.main(["--db", str(company), "--smoke-test"]) == 0
        assert f"{len(TAB_ORDER)} tabs shown, 0 errors" in capsys.readouterr().out

        def missing_module(self, _index):
            raise ModuleNotFoundError("No module named 'reportlab.graphics.barcode.code93'")

        monkeypatch.setattr(MainWindow, "_on_tab_changed", missing_module)
        with qtbot.capture_exceptions() as raised:
            assert app_module.main(["--db", str(company), "--smoke-test"]) == 1
        assert raised and "code93" in str(raised[0][1])
        assert f"{len(TAB_ORDER)} tabs shown, {len(raised)} errors" in capsys.readouterr().out
    finally:
        apply_language("zh_CN")


def test_the_smoke_test_fails_when_the_english_text_cannot_load(qtbot, company, monkeypatch):
    from jxc_desktop.ui import app as app_module
    from jxc_desktop.ui import i18n

    monkeypatch.setattr(i18n, "compiled_qm", lambda language: None)  # as with no lrelease
    try:
        assert app_module.main(["--db", str(company), "--lang", "en", "--smoke-test"]) == 1
    finally:
        apply_language("zh_CN")


def test_a_new_company_is_shown_where_to_start(qtbot, company, tmp_path):
    from inventory_helpers import day, doc, make_warehouse

    make_item("A001", "矿泉水")
    window = make_window(qtbot, company, tmp_path)
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.values["items"].text() != "…", timeout=5000)
    start = home.start
    assert start.isVisible()
    marks = {key: mark.text() for key, mark in start.marks.items()}
    assert marks == {
        "warehouses": "○",
        "items": "✓",
        "customers": "○",
        "suppliers": "○",
        "opening_stock": "○",
    }
    start.links["customers"].click()
    assert window.current_key() == "masterdata"
    window.select_tab("home")
    start.links["opening_stock"].click()  # 期初库存: the 库存 list of that type
    assert window.current_key() == "inventory" and window.pages["inventory"].key() == "QCKC"
    from jxc_desktop.engine import masterdata as md

    make_warehouse("W1")
    md.save_partner(md.PartnerData(code="C1", name="客户甲", kind="customer"))
    md.save_partner(md.PartnerData(code="S1", name="供应商乙", kind="supplier"))
    draft = doc("QCKC", day(1), [("A001", 5, "1.20")], approve=False)
    window.select_tab("home")
    home.refresh()
    qtbot.waitUntil(lambda: start.marks["suppliers"].text() == "✓", timeout=5000)
    assert start.isVisible() and start.marks["opening_stock"].text() == "○"  # a draft
    from jxc_desktop.engine import documents

    documents.approve(draft.id)
    home.refresh()
    qtbot.waitUntil(lambda: not start.isVisible(), timeout=5000)  # every step done


def test_getting_started_goes_once_a_shop_without_opening_stock_is_working(qtbot):
    from jxc_desktop.ui.getting_started import GettingStarted

    box = GettingStarted()
    qtbot.addWidget(box)
    base = {"warehouses": 1, "items": 3, "customers": 2, "suppliers": 1}
    box.show_counts({**base, "opening_stock": 0, "approved": 0})
    assert not box.isHidden()
    box.show_counts({**base, "opening_stock": 0, "approved": 1})  # a first 采购入库
    assert box.isHidden()
    box.show_counts({**base, "items": 0, "opening_stock": 0, "approved": 1})
    assert not box.isHidden() and box.marks["items"].text() == "○"


def test_the_window_fits_a_1024_pixel_screen(qtbot, company, tmp_path):
    """The tabs' button bars wrap rather than hold the window wider than the screen."""
    window = make_window(qtbot, company, tmp_path)
    for key in window.visible_tabs():
        window.select_tab(key)
    assert window.minimumSizeHint().width() <= 1000


def test_the_smoke_test_counts_a_background_jobs_error(qtbot, company, monkeypatch, capsys):
    from jxc_desktop.ui import app as app_module
    from jxc_desktop.ui import queries

    def missing(*args):
        raise ImportError("No module named 'openpyxl.cell'")  # as a bundle lacking it

    monkeypatch.setattr(queries, "counts", missing)  # the 首页 counts run in the background
    try:
        with qtbot.capture_exceptions():
            assert app_module.main(["--db", str(company), "--smoke-test"]) == 1
    finally:
        apply_language("zh_CN")
    assert "errors" in capsys.readouterr().out


def test_getting_started_leaves_out_the_steps_of_switched_off_modules(qtbot):
    from jxc_desktop.ui.getting_started import GettingStarted

    box = GettingStarted(["inventory"])  # no sales, no purchasing
    qtbot.addWidget(box)
    assert list(box.marks) == ["warehouses", "items", "opening_stock"]
    box.show_counts({"warehouses": 1, "items": 2, "opening_stock": 1, "approved": 1})
    assert box.isHidden()  # no customer or supplier will ever be entered


def test_the_built_in_administrator_is_named_in_the_language_on_screen(qtbot, company, tmp_path):
    window = make_window(qtbot, company, tmp_path)
    assert window.status_labels["user"].text().endswith("系统管理员")
    try:
        window.switch_language("en")
        assert window.status_labels["user"].text().endswith("Administrator")
    finally:
        window.switch_language("zh_CN")
