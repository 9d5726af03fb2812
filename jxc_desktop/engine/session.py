"""Opening a company database and knowing who acts.

Every engine action that writes records the acting user in the audit log. Until users
and roles exist, the acting user is the default administrator made at `init`.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr
from jxc_desktop.models import db as adapter
from jxc_desktop.models import schema
from jxc_desktop.models.company import AuditLog, User

ADMIN_USERNAME = "admin"
_current_username = ADMIN_USERNAME


def default_db_path() -> Path:
    """The company file in the platform's user-data directory."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "jxc_desktop" / "company.sqlite"


def is_database_url(target: str | Path) -> bool:
    """A PostgreSQL server URL (several PCs) rather than a SQLite file path."""
    return str(target).startswith(("postgresql://", "postgres://"))


def display_target(target: str | Path) -> str:
    """The database as shown to a user: a server URL without its password."""
    text = str(target)
    if is_database_url(text):
        return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", text)
    return text


def open_company(target: str | Path, create: bool = False):
    """Opens a company database, upgrading its schema; refuses a missing file unless create."""
    target = str(target)
    is_url = is_database_url(target)
    if not is_url:
        path = Path(target)
        if not create and not path.exists():
            raise JxcError(
                tr(
                    "找不到账套数据库 {path}，请先运行 jxc init。",
                    "No company database at {path}; run `jxc init` first.",
                    path=path,
                )
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    db = adapter.open_database(target)
    schema.upgrade(None if is_url else target)
    return db


def close_company() -> None:
    adapter.close_database()


def set_current_user(username: str) -> None:
    global _current_username
    _current_username = username


def current_user() -> User | None:
    """The signed-in user's row, read once per user action."""
    cache = adapter.action_cache()
    if ("user", _current_username) not in cache:
        cache["user", _current_username] = User.get_or_none(User.username == _current_username)
    return cache["user", _current_username]


def audit(action: str, target: str = "", detail: str = "") -> None:
    """Records who did what; call inside the action's transaction."""
    user = current_user()
    AuditLog.create(
        user=user,
        username=user.username if user else _current_username,
        action=action,
        target=target,
        detail=detail,
    )
