"""What the user should look at before 月末结账, without refusing the close.

`closing.close_problems` lists what BLOCKS a close; this checklist lists what a close
may go ahead with but probably should not (finished goods at zero cost, material left
at a subcontractor …). Modules register a function `fn(period_code) -> list[str]`
with `register`; the GUI shows `warnings(code)` and asks the user to confirm before it
closes. The registering modules are listed in `MODULES` (one line each).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

WARNINGS: list[Callable[[str], list[str]]] = []

MODULES = [
    "jxc_desktop.engine.production.close_checks",
]


def register(fn: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """Adds fn(period 'YYYY-MM') -> readable warnings to the close checklist."""
    WARNINGS.append(fn)
    return fn


def warnings(code: str) -> list[str]:
    """Every warning the registered checks give for closing month `code` (none for a
    month already closed: there is nothing left to decide)."""
    from jxc_desktop.models.company import Period

    period = Period.get_or_none(Period.code == code)
    if period is not None and period.closed:
        return []
    for name in MODULES:
        importlib.import_module(name)
    out: list[str] = []
    for fn in WARNINGS:
        out.extend(fn(code))
    return out
