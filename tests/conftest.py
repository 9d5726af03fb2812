"""Shared fixtures: a fresh company in a real SQLite file per test.

With JXC_TEST_POSTGRES set to a PostgreSQL server URL (a role that may create
databases, e.g. postgresql://jxc:jxc@localhost/postgres), the `company` fixture makes
a fresh PostgreSQL database per test instead and yields its URL: the engine tests then
run on the multi-PC backend (see docs/ENGINE.md, "PostgreSQL").
"""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")


POSTGRES_SERVER = os.environ.get("JXC_TEST_POSTGRES", "")


@pytest.fixture
def company(tmp_path):
    """An empty company (chart of accounts, units, tax rates) in tmp_path/company.sqlite."""
    from jxc_desktop.engine.company import CompanySetup, init_company
    from jxc_desktop.engine.i18n import set_language
    from jxc_desktop.engine.session import close_company, open_company

    set_language("zh_CN")
    if POSTGRES_SERVER:
        target = _fresh_postgres_database(tmp_path.name)
    else:
        target = tmp_path / "company.sqlite"
    open_company(target, create=True)
    init_company(CompanySetup(name="测试公司", start_period="2026-01"))
    yield target
    close_company()
    set_language("zh_CN")
    if POSTGRES_SERVER:
        _drop_postgres_database(str(target).rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo company (start 2026-01), built once per test run; see `demo_company`."""
    from jxc_desktop.engine.company import CompanySetup
    from jxc_desktop.engine.demo import build_demo
    from jxc_desktop.engine.i18n import set_language
    from jxc_desktop.engine.session import close_company, open_company

    set_language("zh_CN")
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    open_company(path, create=True)
    try:
        build_demo(CompanySetup(name="演示公司", start_period="2026-01"))
    finally:
        close_company()  # checkpoints: the file alone holds everything
    return path


@pytest.fixture
def demo_company(demo_template, tmp_path):
    """A private copy of the demo company, open (building it takes 8-20 s: once a run)."""
    from jxc_desktop.engine.i18n import set_language
    from jxc_desktop.engine.session import close_company, open_company

    set_language("zh_CN")
    target = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, target)
    open_company(target)
    yield target
    close_company()
    set_language("zh_CN")


def _fresh_postgres_database(name: str) -> str:
    """CREATE DATABASE on the test server; returns its URL."""
    import re

    db_name = "jxc_t_" + re.sub(r"[^a-z0-9]", "_", name.lower())[-40:]
    _drop_postgres_database(db_name)
    _admin_sql(f'CREATE DATABASE "{db_name}"')
    return POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + db_name


def _drop_postgres_database(db_name: str) -> None:
    _admin_sql(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def _admin_sql(sql: str) -> None:
    import psycopg2

    admin = psycopg2.connect(POSTGRES_SERVER)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(sql)
    admin.close()
