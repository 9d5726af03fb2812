"""The GUI's English: every string translated, the .qm compiled from the .ts at runtime."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from jxc_desktop.ui import i18n, ts_tool


def test_the_check_reads_the_subpackages_that_use_qts_tr():
    found = ts_tool.source_strings()
    assert ("收发存汇总", "") in found  # ui/inventory/page.py: Qt's tr
    # ui/production uses the engine's tr("中文", "English"): its English is no note
    assert ("用量", "Qty/unit") not in found


def test_every_gui_string_has_an_english_translation():
    assert ts_tool.missing() == []


def test_qm_is_compiled_into_the_cache_and_used(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path)
    assert QApplication.instance() is not None
    try:
        assert i18n.apply_language("en")
        assert (tmp_path / "jxc_en.qm").exists()
        assert i18n.tr("基础资料") == "Base data"
        assert i18n.tr("商品") == "Items"
        assert i18n.tr("商品", "item type") == "Goods"
    finally:
        i18n.apply_language("zh_CN")
    assert i18n.tr("基础资料") == "基础资料"


def test_engine_does_not_load_qt_even_with_ui_installed():
    import subprocess
    import sys

    code = "import sys, jxc_desktop.engine.masterdata; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_installed_app_uses_the_qm_shipped_beside_the_ts(qtbot, tmp_path, monkeypatch):
    """The PyInstaller bundle has no lrelease; the spec compiles the .qm at build time."""
    import sys

    monkeypatch.setattr(i18n, "TS_DIR", tmp_path)
    (tmp_path / "jxc_en.ts").write_text("<TS/>", encoding="utf-8")
    shipped = tmp_path / "jxc_en.qm"
    shipped.write_bytes(b"compiled")
    monkeypatch.setattr(i18n, "lrelease_command", lambda: [])  # none in the bundle
    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    assert i18n.compiled_qm("en") is None  # from source: compiled into the cache, or nothing
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert i18n.compiled_qm("en") == shipped
