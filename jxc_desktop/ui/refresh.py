"""Refreshing a view when data changes, without paying for views nobody looks at.

Every save emits `Ops.changed`; a list on another tab refreshing itself at once costs
the user time (the sales and purchase lists re-read every order's execution state: a
tenth of a second each, twice per 保存并审核). A `Refresher` refreshes its view at once
only when the view is on screen; otherwise it marks it stale and refreshes it when it
is next shown. A view whose window is not up at all (being built, or a test driving it
directly) refreshes at once, as before.

The Refresher is a child QObject of its view and `changed` reaches it through a Qt
slot, so the connection dies with the view: a page destroyed by a language switch is
never called again (a lambda connected to `changed` would be, and raise).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid


class Refresher(QObject):
    """Calls `refresh()` when data changes and `view` can be seen, else on its next show."""

    def __init__(self, view: QWidget, refresh: Callable[[], object], ops=None):
        super().__init__(view)
        self.setObjectName("refresher")
        self._view = view
        self._refresh = refresh
        self.stale = False
        view.installEventFilter(self)
        if ops is not None:
            ops.changed.connect(self.on_changed)

    def hidden(self) -> bool:
        """On a window that is up, but not on screen (another tab, a folded page)."""
        return self._view.window().isVisible() and not self._view.isVisible()

    @Slot(str)
    def on_changed(self, _what: str = "") -> None:
        if not isValid(self._view):
            return
        if self.hidden():
            self.stale = True
        else:
            self.stale = False
            self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.stale and event.type() == QEvent.Type.Show and watched is self._view:
            self.stale = False
            self._refresh()
        return False
