"""The one-line grey hint an empty pane shows: what to do to see something.

It is the look of the report views' hint (inventory/report_view.py, "reportHint"): a
grey label above the table that names the action (选择期间后点击“查询”) and disappears
as soon as the table it watches has rows. A pane may change the text after an action
that found nothing, so the user learns why the table stayed empty.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QLabel, QPlainTextEdit

STYLE = "color: #666; padding: 6px;"  # the same grey and air as the report views' hint


class EmptyHint(QLabel):
    """Shown while every watched view is empty; hidden once one of them has content."""

    def __init__(self, text: str | Callable[[], str], *views, parent=None):
        super().__init__(parent)
        self.setObjectName("emptyHint")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self._text = text
        self._checks: list[Callable[[], bool]] = []
        for view in views:
            self.watch(view)
        self.update_state()

    def watch(self, view: QAbstractItemView | QPlainTextEdit) -> None:
        """Follows a table or tree (its rows) or a read-only text box (its text)."""
        if isinstance(view, QPlainTextEdit):
            view.textChanged.connect(self.update_state)
            self._checks.append(lambda: not view.toPlainText().strip())
            return
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update_state)
        self._checks.append(lambda: model.rowCount() == 0)

    def set_text(self, text: str | Callable[[], str]) -> None:
        """A new hint (e.g. "nothing found for this period" after a query)."""
        self._text = text
        self.update_state()

    def update_state(self, *_args) -> None:
        empty = all(check() for check in self._checks)
        if empty:
            self.setText(self._text() if callable(self._text) else self._text)
        self.setVisible(empty)
