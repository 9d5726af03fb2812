"""Before 月末结账: a confirmation, with the close checklist's warnings
(finance/close_warnings.py).

The close itself refuses only what must not be locked in (drafts, unposted vouchers …);
what merely looks wrong — finished goods at zero cost, material left at a
subcontractor — is listed here and the user decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui import messages
from jxc_desktop.ui.ops import Ops


def close_after_confirm(ops: Ops, parent: QWidget, code: str, run: Callable[[], None]) -> None:
    """Calls run() after the user's OK: closing locks the month's documents and vouchers,
    so it is always asked, with the checklist's warnings and a word when the month has not
    ended yet. A month already closed goes straight on (the close says why it refuses)."""
    ok, found = ops.run(lambda: _before_close(code), parent=parent)
    if not ok:
        return
    warned, closed, unfinished = found
    if closed:
        run()
        return
    parts = []
    if unfinished:
        parts.append(
            tr(
                "{p} 尚未结束（今天是 {d}）：结账后本月余下日期的业务将不能再入账。",
                "{p} has not ended yet (today is {d}): after closing, nothing more can be "
                "entered for its remaining days.",
                p=code,
                d=dt.date.today().isoformat(),
            )
        )
    if warned:
        parts.append(tr("{p} 结账前请注意：", "Before closing {p}, note:", p=code))
        parts.append("\n".join(f"• {w}" for w in warned))
        parts.append(tr("仍要结账吗？", "Close the month anyway?"))
    else:
        parts.append(
            tr(
                "确定结账 {p} 吗？结账后该月不能再录入或修改单据和凭证（管理员可反结账）。",
                "Close {p}? Its documents and vouchers can then no longer be entered or "
                "changed (an administrator can re-open it).",
                p=code,
            )
        )
    box = messages.confirm(parent, "\n\n".join(parts))
    box.accepted.connect(run)


def _before_close(code: str) -> tuple[list[str], bool, bool]:
    """The checklist's warnings, whether the month is closed, whether it has not ended."""
    from jxc_desktop.engine.company import is_period_closed, month_bounds
    from jxc_desktop.engine.finance.close_warnings import warnings

    first, last = month_bounds(code)
    if is_period_closed(first):
        return [], True, False
    return warnings(code), False, last >= dt.date.today()
