"""Shared fixtures: a fresh company in a real SQLite file per test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")


@pytest.fixture
def company(tmp_path):
    """An empty company (chart of accounts, units, tax rates) in tmp_path/company.sqlite."""
    from jxc_desktop.engine.company import CompanySetup, init_company
    from jxc_desktop.engine.i18n import set_language
    from jxc_desktop.engine.session import close_company, open_company

    set_language("zh_CN")
    path = tmp_path / "company.sqlite"
    open_company(path, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    yield path
    close_company()
    set_language("zh_CN")
