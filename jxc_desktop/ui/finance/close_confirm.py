"""Before 月末结账: the close checklist's warnings (finance/close_warnings.py), confirmed.

The close itself refuses only what must not be locked in (drafts, unposted vouchers …);
what merely looks wrong — finished goods at zero cost, material left at a
subcontractor — is listed here and the user decides.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from jxc_desktop.engine.i18n import tr
from jxc_desktop.ui import messages
from jxc_desktop.ui.ops import Ops


def close_after_confirm(ops: Ops, parent: QWidget, code: str, run: Callable[[], None]) -> None:
    """Calls run() at once when month `code` has no warnings, else after the user's OK."""
    from jxc_desktop.engine.finance.close_warnings import warnings

    ok, found = ops.run(lambda: warnings(code), parent=parent)
    if not ok:
        return
    if not found:
        run()
        return
    head = tr("{p} 结账前请注意：", "Before closing {p}, note:", p=code)
    tail = tr("仍要结账吗？", "Close the month anyway?")
    text = head + "\n" + "\n".join(f"• {w}" for w in found) + "\n\n" + tail
    box = messages.confirm(parent, text)
    box.accepted.connect(run)
