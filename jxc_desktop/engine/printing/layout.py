"""The page framework shared by business papers and report PDFs.

Every page gets the company name, the title and (optionally) a number in the header,
a "draft" watermark when asked, and a footer with the print time and
"第 1 页 / 共 3 页". The total page count is only known after layout, so the canvas
keeps each page's state and stamps the numbers when the document is saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.printing.fonts import cjk_font
from jxc_desktop.engine.printing.textfit import fit_text

MARGIN_X = 12 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 16 * mm
INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#555555")


@dataclass
class PageSetup:
    """What every page of one paper shows around its body."""

    company: str
    title: str
    number: str = ""  # printed top right, e.g. the document number
    watermark: str = ""  # e.g. 草稿 for a draft
    landscape: bool = False
    printed_at: dt.datetime = field(default_factory=dt.datetime.now)

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4


def body_width(setup: PageSetup) -> float:
    """The usable width between the side margins."""
    return setup.pagesize[0] - 2 * MARGIN_X


def build_pdf(path: str | Path, setup: PageSetup, story: list) -> None:
    """Lays `story` (platypus flowables) out on pages framed by `setup` and saves it."""
    font = cjk_font()
    width, height = setup.pagesize
    doc = BaseDocTemplate(
        str(path),
        pagesize=setup.pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=setup.title,
        author=setup.company,
        creator="jxc_desktop",
        # reportlab starts each page in Helvetica, which the PDF then names without
        # embedding it; start in the embedded CJK font instead
        initialFontName=font,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        width - 2 * MARGIN_X,
        height - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate("paper", [frame], onPage=partial(_decorate, setup, font))])
    doc.build(story, canvasmaker=partial(_NumberedCanvas, font=font))


def _decorate(setup: PageSetup, font: str, canvas: Canvas, doc) -> None:
    """Draws the watermark, the header and the print time; page numbers come at save."""
    width, height = setup.pagesize
    canvas.saveState()
    if setup.watermark:
        _watermark(canvas, setup.watermark, font, width, height)
    canvas.setFillColor(INK)
    company, size = fit_text(setup.company, width - 2 * MARGIN_X, 15, 9)
    canvas.setFont(font, size)
    canvas.drawCentredString(width / 2, height - 13 * mm, company)
    _bold_centred(canvas, setup.title, font, 17, width / 2, height - 22 * mm)
    if setup.number:
        canvas.setFont(font, 9)
        canvas.drawRightString(width - MARGIN_X, height - 26.5 * mm, setup.number)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN_X, height - 27.5 * mm, width - MARGIN_X, height - 27.5 * mm)
    canvas.setFont(font, 8)
    canvas.setFillColor(colors.HexColor("#666666"))
    printed = setup.printed_at.strftime("%Y-%m-%d %H:%M")
    canvas.drawString(MARGIN_X, 9 * mm, tr("打印时间：{t}", "Printed: {t}", t=printed))
    canvas.restoreState()


def _bold_centred(canvas: Canvas, text: str, font: str, size: float, x: float, y: float):
    """The bundled font has no bold face; fill plus a thin stroke gives a bold title."""
    text_obj = canvas.beginText()
    text_obj.setFont(font, size)
    text_obj.setTextRenderMode(2)
    canvas.setLineWidth(0.45)
    canvas.setStrokeColor(INK)
    width = canvas.stringWidth(text, font, size)
    text_obj.setTextOrigin(x - width / 2, y)
    text_obj.textOut(text)
    text_obj.setTextRenderMode(0)  # the render mode outlives BT/ET; later text is plain
    canvas.drawText(text_obj)


def _watermark(canvas: Canvas, text: str, font: str, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#d0d0d0"))
    canvas.setFillAlpha(0.45)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(30)
    canvas.setFont(font, 110)
    canvas.drawCentredString(0, -40, text)
    canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds every page until save, then stamps "第 i 页 / 共 n 页" on each."""

    def __init__(self, *args, font: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._font = font
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._stamp(number, total)
            super().showPage()
        super().save()

    def _stamp(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(self._font, 8.5)
        self.setFillColor(INK)
        text = tr("第 {i} 页 / 共 {n} 页", "Page {i} of {n}", i=number, n=total)
        draw_spaced(self, width / 2, 9 * mm, text, self._font, 8.5)
        self.restoreState()


def draw_spaced(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draws `text` centred at x with word gaps text extraction keeps.

    The font's space is narrow (0.26 em) and text extractors drop it between CJK
    characters and digits ("第1页"); words drawn apart with a 0.6 em gap come back out
    as "第 1 页", so copied text and searches see what is printed.
    """
    words = text.split(" ")
    gap = 0.6 * size
    widths = [canvas.stringWidth(w, font, size) for w in words]
    left = x - (sum(widths) + gap * (len(words) - 1)) / 2
    canvas.setFont(font, size)
    for word, w in zip(words, widths, strict=True):
        canvas.drawString(left, y, word)
        left += w + gap
