"""Every string of the 库存 tab has English; the tab builds in English."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt

from jxc_desktop.ui import i18n, ts_tool

INVENTORY_UI = Path(ts_tool.UI_DIR) / "inventory"


def inventory_strings() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(INVENTORY_UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "tr":
                texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
                assert len(texts) == len(node.args), f"{path.name}: tr() needs literal text"
                found.add((texts[0], texts[1] if len(texts) > 1 else ""))
    return found


def test_every_inventory_string_has_english():
    known = ts_tool.read_ts(ts_tool.ts_path("en"))
    assert len(inventory_strings()) > 80
    assert sorted(s for s in inventory_strings() if not known.get(s)) == []


def test_inventory_tab_in_english(qtbot, company, tmp_path, monkeypatch):
    from jxc_desktop.ui.inventory import InventoryPage
    from jxc_desktop.ui.ops import Ops

    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path)
    try:
        assert i18n.apply_language("en")
        page = InventoryPage(Ops())
        qtbot.addWidget(page)
        labels = [page.nav.item(i).text() for i in range(page.nav.count())]
        assert labels[:2] == ["Opening stock", "Other receipts"]
        assert page.views["QTRK"].buttons["approve"].text() == "Approve"
        assert page.views["QTRK"].list.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    finally:
        i18n.apply_language("zh_CN")
