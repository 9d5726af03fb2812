"""Values read once per user action: settings and the signed-in user.

The cache lives as long as the outermost write transaction (which holds the write
lock, so no other PC can change a setting meanwhile); a change made inside the action
is seen at once, and outside a transaction nothing is cached, so a setting another PC
changed is read fresh.
"""

from __future__ import annotations

import os
import sqlite3

import pytest

from jxc_desktop.engine import settings
from jxc_desktop.engine.session import current_user
from jxc_desktop.models.db import action_cache, database, write_transaction


def _counting(monkeypatch) -> list[str]:
    seen: list[str] = []
    db = database.obj
    original = db.execute_sql

    def counting(sql, params=None, *args, **kw):
        seen.append(sql)
        return original(sql, params, *args, **kw)

    monkeypatch.setattr(db, "execute_sql", counting)
    return seen


def test_a_setting_is_read_once_per_action_and_changes_are_seen(company, monkeypatch):
    seen = _counting(monkeypatch)
    with write_transaction():
        assert settings.get("negative_stock") == "refuse"
        assert settings.get("negative_stock") == "refuse"
        assert current_user() is current_user()
        reads = [s for s in seen if "FROM setting" in s]
        assert len(reads) == 1
        settings.set_value("negative_stock", "allow")  # a nested action: a savepoint
        assert settings.get("negative_stock") == "allow"
    assert action_cache() == {}  # the action is over: nothing is kept


@pytest.mark.skipif(bool(os.environ.get("JXC_TEST_POSTGRES")), reason="opens the SQLite file")
def test_outside_an_action_another_pcs_change_is_seen(company):
    assert settings.get("negative_stock") == "refuse"
    other = sqlite3.connect(company)  # another PC on the same file
    other.execute("UPDATE setting SET value = 'allow' WHERE key = 'negative_stock'")
    other.commit()
    other.close()
    assert settings.get("negative_stock") == "allow"


def test_a_rolled_back_action_leaves_no_cached_value(company):
    try:
        with write_transaction():
            settings.set_value("negative_stock", "allow")
            assert settings.get("negative_stock") == "allow"
            raise RuntimeError("the user's action failed")
    except RuntimeError:
        pass
    with write_transaction():
        assert settings.get("negative_stock") == "refuse"
