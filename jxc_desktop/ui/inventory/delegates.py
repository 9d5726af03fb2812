"""Cell editors for the lines grid: item code with completion, a unit picker."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyledItemDelegate

from jxc_desktop.engine import listing
from jxc_desktop.engine.scanning import item_units

COMPLETIONS = 15


class ItemCodeDelegate(QStyledItemDelegate):
    """Typing in the code cell offers items whose code starts with / name contains the text
    (the items list's own SQL search, 15 at a time, so it is fast on a million items)."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        editor = QLineEdit(parent)
        editor.setObjectName("codeEditor")
        words = QStringListModel(editor)
        completer = QCompleter(words, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        editor.textEdited.connect(lambda text: words.setStringList(suggestions(text)))
        return editor

    def setModelData(self, editor, model, index):  # noqa: N802
        text = editor.text().strip()
        model.setData(index, text.split()[0] if text else "")


def suggestions(text: str) -> list[str]:
    text = text.strip()
    if not text:
        return []
    rows = listing.page("items", 0, COMPLETIONS, search=text, filters={"active": True})
    return [f"{r['code']}  {r['name']}" for r in rows]


class UnitDelegate(QStyledItemDelegate):
    """A drop-down of the item's units (base unit first)."""

    def __init__(self, lines, parent=None):
        super().__init__(parent)
        self.lines = lines

    def createEditor(self, parent, option, index):  # noqa: N802
        box = QComboBox(parent)
        box.setObjectName("unitEditor")
        line = self.lines[index.row()]
        box.addItems([name for name, _factor in item_units(line.item_id)])
        box.setCurrentText(line.unit)
        return box

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText())
