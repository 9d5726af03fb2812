"""Refreshing a view when data changes, without paying for views nobody looks at.

Every save emits `Ops.changed`; a list on another tab refreshing itself at once costs
the user time (the sales and purchase lists re-read every order's execution state: a
tenth of a second each, twice per 保存并审核). A `Refresher` refreshes its view at once
only when the view is on screen; otherwise it marks it stale and refreshes it when it
is next shown. A view whose window is not up at all (being built, or a test driving it
directly) refreshes at once, as before.

The Refresher is an invisible child widget of its view and `changed` reaches it through
a Qt slot, so the connection dies with the view: a page destroyed by a language switch
is never called again (a lambda connected to `changed` would be, and raise). It learns
that its view is shown from its own show event (a child shows with its parent), not
from an event filter on the view: a Python event filter is handed the watched view,
and converting a view that is being torn down crashed the process (a segfault in
QObject::property under the filter's call).
"""

from __future__ import annotations

from collections.abc import Callable
from types import MethodType
from weakref import WeakMethod

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid


class Refresher(QWidget):
    """Calls `refresh()` when data changes and `view` can be seen, else on its next show."""

    def __init__(self, view: QWidget, refresh: Callable[[], object], ops=None):
        super().__init__(view)
        self.setObjectName("refresher")
        self.setFixedSize(0, 0)  # takes no room and no clicks; only its show events count
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # the view is this widget's parent, never an attribute, and a bound method is
        # held weakly: a reference back to the view would make a cycle for the garbage
        # collector to tear apart while Qt still holds both
        self._refresh = WeakMethod(refresh) if isinstance(refresh, MethodType) else refresh
        self.stale = False
        if view.isVisible():
            self.show()  # a child added to a visible parent is not shown by itself
        if ops is not None:
            ops.changed.connect(self.on_changed)

    def hidden(self) -> bool:
        """On a window that is up, but not on screen (another tab, a folded page)."""
        view = self.parentWidget()
        return view.window().isVisible() and not view.isVisible()

    @Slot(str)
    def on_changed(self, _what: str = "") -> None:
        if not isValid(self) or self.parentWidget() is None:
            return
        if self.hidden():
            self.stale = True
        else:
            self.stale = False
            self._call()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self._call()

    def _call(self) -> None:
        refresh = self._refresh() if isinstance(self._refresh, WeakMethod) else self._refresh
        if refresh is not None:
            refresh()
