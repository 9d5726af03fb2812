"""Small helpers shared by the inventory views: dates, temporary PDFs, opening files."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices


def qdate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def open_file(path: str) -> None:
    """Hands a PDF to the system viewer (which prints it); silent offscreen."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def pdf_path(parent, name: str, path: str | None) -> str:
    """Where to write a PDF: the caller's path, else a temporary file opened afterwards."""
    if path:
        return path
    folder = tempfile.mkdtemp(prefix="jxc-print-")
    return os.path.join(folder, name)
