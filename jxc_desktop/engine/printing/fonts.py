"""The CJK font every PDF uses, found next to the sources or inside a PyInstaller bundle.

reportlab's `UnicodeCIDFont` is not embedded and shows boxes on readers without the
Adobe-GB1 pack, and Noto CJK (CFF outlines) cannot be embedded by reportlab at all, so
the bundled WenQuanYi Micro Hei (TrueType) is registered as a `TTFont`: reportlab then
embeds the subset of glyphs each PDF uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

import jxc_desktop
from jxc_desktop.engine.errors import JxcError
from jxc_desktop.engine.i18n import tr

FONT_FILE = "wqy-microhei.ttc"
FONT_NAME = "WQYMicroHei"


def font_dir() -> Path:
    """The folder holding the bundled fonts, in a source checkout or a frozen bundle.

    A source checkout (or an editable install) keeps `resources/fonts` next to the
    package; PyInstaller unpacks the data files under `sys._MEIPASS`.
    """
    candidates = [Path(jxc_desktop.__file__).resolve().parents[1] / "resources" / "fonts"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources" / "fonts")
    for folder in candidates:
        if (folder / FONT_FILE).is_file():
            return folder
    raise JxcError(
        tr(
            "找不到打印字体 {f}（查找位置：{where}）",
            "The print font {f} is missing (looked in: {where})",
            f=FONT_FILE,
            where=", ".join(str(c) for c in candidates),
        )
    )


def cjk_font() -> str:
    """Registers the CJK font once and returns its reportlab name."""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = font_dir() / FONT_FILE
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    return FONT_NAME
