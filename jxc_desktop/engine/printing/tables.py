"""Flowables for papers: header-field grid, a lines table, amount in words, signatures."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.tables import LongTable

from jxc_desktop.engine.i18n import tr
from jxc_desktop.engine.money import format_money, rmb_upper
from jxc_desktop.engine.printing.fonts import cjk_font
from jxc_desktop.engine.printing.textfit import fit_widths, text_width

PAD = 3.0  # cell padding left and right, points
FIELD_GAP = 8.0  # points between a header field's value and the next field's label
GRID = colors.HexColor("#666666")
HEAD_BG = colors.HexColor("#ececec")
TOTAL_BG = colors.HexColor("#f6f6f6")
SUMMARY_BG = colors.HexColor("#e6ebf2")  # opening / closing / subtotal rows of a report


@dataclass(frozen=True)
class TableColumn:
    """One column of a lines table: its heading and whether it holds numbers."""

    label: str
    numeric: bool = False
    max_width: float = 70 * mm  # a long remark wraps rather than pushing numbers off
    centred: bool = False


def style(size: float, align: int = TA_LEFT) -> ParagraphStyle:
    """A paragraph style in the CJK font; CJK wrapping breaks between any characters."""
    return ParagraphStyle(
        f"cjk-{size}-{align}",
        fontName=cjk_font(),
        fontSize=size,
        leading=size * 1.25,
        alignment=align,
        wordWrap="CJK",
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, size: float, align: int = TA_LEFT) -> Paragraph:
    return Paragraph(_escape(text), style(size, align))


def data_table(
    columns: list[TableColumn],
    rows: list[list[str]],
    width: float,
    size: float = 8.5,
    totals: list[str] | None = None,
    shaded: tuple[int, ...] | list[int] = (),
) -> Table:
    """A grid with the heading repeated on every page and columns fitted to `width`;
    `shaded` body rows (subtotals, opening and closing rows) on a grey ground.

    Number columns keep their full width and are right-aligned; text columns give up
    room first and wrap (by character, as CJK text does) instead of overflowing.
    """
    body = rows + ([totals] if totals else [])
    raw = raw_widths(body)
    widths = fit_widths(*measure_columns(columns, raw, size), width)
    head = [para(c.label, size, TA_CENTER) for c in columns]
    cells = [_row_cells(columns, row, r, widths, size) for row, r in zip(body, raw, strict=True)]
    table_class = LongTable if len(body) > 200 else Table
    table = table_class([head] + cells, colWidths=widths, repeatRows=1)
    style = _table_style(columns, len(body), size, bool(totals))
    for n in shaded:  # body row n is table row n + 1 (under the heading)
        style.add("BACKGROUND", (0, n + 1), (-1, n + 1), SUMMARY_BG)
    table.setStyle(style)
    return table


def raw_widths(body: list[list[str]]) -> list[list[float]]:
    """Each cell's width at 1 pt; widths scale with the size, so one pass serves all sizes."""
    return [[text_width(text, 1) for text in row] for row in body]


def measure_columns(columns, raw, size: float) -> tuple[list[float], list[float]]:
    """Natural (widest cell) and minimum widths per column at `size`, padding included."""
    natural, minimum = [], []
    for i, col in enumerate(columns):
        widest = max([r[i] for r in raw] or [0.0]) * size
        head = text_width(col.label, size)
        nat = min(max(widest, head), col.max_width) + 2 * PAD + 1
        natural.append(nat)
        # numbers never wrap; text may wrap down to about four characters
        minimum.append(nat if col.numeric else min(nat, 4 * size + 2 * PAD))
    return natural, minimum


def _row_cells(columns, row, raw, widths, size: float) -> list:
    out = []
    for col, text, r, w in zip(columns, row, raw, widths, strict=True):
        if col.numeric or r * size <= w - 2 * PAD:
            out.append(text)
        else:
            out.append(para(text, size, TA_CENTER if col.centred else TA_LEFT))
    return out


def _table_style(columns, body_rows: int, size: float, has_totals: bool) -> TableStyle:
    font = cjk_font()
    commands = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]
    for i, col in enumerate(columns):
        if col.numeric:
            commands.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
        elif col.centred:
            commands.append(("ALIGN", (i, 1), (i, -1), "CENTER"))
    if has_totals:
        commands.append(("BACKGROUND", (0, body_rows), (-1, body_rows), TOTAL_BG))
    return TableStyle(commands)


def colon(label: str) -> str:
    """`label` with the language's colon: 日期： in Chinese, "Date: " in English."""
    return label + tr("：", ": ")


def fields_grid(
    pairs: list[tuple[str, str]],
    width: float,
    per_row: int = 3,
    wide: list[tuple[str, str]] | None = None,
    size: float = 9,
    first: list[tuple[str, str]] | None = None,
) -> Table:
    """Header fields as label: value pairs, `per_row` to a line; `first` and `wide` pairs
    span a whole line, above and below the grid (a long company name wraps in a third of
    the page and crowds the field beside it)."""
    first, wide = first or [], wide or []
    label_w = max([text_width(colon(label), size) for label, _ in first + pairs + wide] + [0])
    label_w += 2
    value_w = width / per_row - label_w
    data = [_wide_row(label, value, size, per_row) for label, value in first]
    for start in range(0, len(pairs), per_row):
        row: list = []
        for label, value in pairs[start : start + per_row]:
            row += [colon(label), para(value, size)]
        row += ["", ""] * (per_row - len(row) // 2)
        data.append(row)
    data += [_wide_row(label, value, size, per_row) for label, value in wide]
    spanned = [*range(len(first)), *range(len(data) - len(wide), len(data))]
    spans = [("SPAN", (1, r), (-1, r)) for r in spanned]
    table = Table(data, colWidths=[label_w, value_w] * per_row)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), cjk_font(), size),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor("#1a1a1a")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                # a value that fills its cell keeps a gap before the next field's label
                *[("RIGHTPADDING", (c, 0), (c, -1), FIELD_GAP) for c in range(1, 2 * per_row, 2)],
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                *spans,
            ]
        )
    )
    return table


def _wide_row(label: str, value: str, size: float, per_row: int) -> list:
    return [colon(label), para(value, size)] + [""] * (2 * per_row - 2)


def amount_in_words(total, width: float, size: float = 9.5) -> Table:
    """合计金额（大写）… （小写）¥… in a boxed line under the lines table."""
    upper = tr("合计金额（大写）：人民币{u}", "Total in words (RMB): {u}", u=rmb_upper(total))
    lower = tr("（小写）¥{m}", "(figures) ¥{m}", m=format_money(total))
    lower_w = text_width(lower, size) + 2 * PAD + 4
    table = Table(
        [[para(upper, size), lower]],
        colWidths=[width - lower_w, lower_w],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), cjk_font(), size),
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table


def signatures_row(pairs: list[tuple[str, str]], width: float, size: float = 9.5) -> Table:
    """制单 / 审核 / 经手人 …: each label followed by a line with the name on it (or blank)."""
    font = cjk_font()
    cell_w = width / len(pairs)
    cells = []
    for label, name in pairs:
        label_w = text_width(colon(label), size) + 1
        inner = Table([[colon(label), name]], colWidths=[label_w, cell_w - label_w - 8 * mm])
        inner.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, size),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (1, 0), (1, 0), 0.5, GRID),
                ]
            )
        )
        cells.append(inner)
    table = Table([cells], colWidths=[cell_w] * len(pairs))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, size),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 7 * mm),
            ]
        )
    )
    return table
