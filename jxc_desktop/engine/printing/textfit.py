"""Measuring text and fitting it into boxes and columns without overflowing."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from jxc_desktop.engine.printing.fonts import cjk_font

ELLIPSIS = "…"


def text_width(text: str, size: float) -> float:
    """The width in points of `text` in the CJK font."""
    return stringWidth(text, cjk_font(), size)


def fit_text(text: str, width: float, max_size: float, min_size: float) -> tuple[str, float]:
    """The text and font size that fit `width`: shrink first, then truncate with '…'.

    Shrinking keeps the whole name readable on a small label; when even the smallest
    size is too wide, the tail is cut so nothing ever runs past the label edge.
    """
    size = max_size
    while size > min_size and text_width(text, size) > width:
        size = max(min_size, round(size - 0.25, 2))
    if text_width(text, size) <= width:
        return text, size
    return truncate(text, width, size), size


def truncate(text: str, width: float, size: float) -> str:
    """The longest prefix of `text` plus '…' that fits `width` (binary search)."""
    if text_width(text, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid] + ELLIPSIS, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo] + ELLIPSIS if lo else ""


def wrap_lines(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """Breaks text (CJK: at any character) into at most `max_lines` lines of `width`.

    The last line is truncated with '…' when the text is longer than the lines allow.
    """
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        if len(lines) == max_lines - 1 or text_width(rest, size) <= width:
            lines.append(truncate(rest, width, size))
            break
        cut = 1
        while cut < len(rest) and text_width(rest[: cut + 1], size) <= width:
            cut += 1
        lines.append(rest[:cut])
        rest = rest[cut:].lstrip()
    return lines


def fit_widths(natural: list[float], minimum: list[float], available: float) -> list[float]:
    """Column widths that add up to `available`.

    Columns start at their natural width (widest cell). Spare room is shared in
    proportion to the natural widths; a shortfall is taken from the columns that can
    give (natural above minimum), in proportion to what each can give, so numbers keep
    their full width while long names wrap. Below the sum of minimums, all scale down.
    """
    total = sum(natural)
    if total <= available:
        return [w * available / total for w in natural] if total else natural
    slack = [max(0.0, n - m) for n, m in zip(natural, minimum, strict=True)]
    need = total - available
    if sum(slack) >= need:
        share = need / sum(slack)
        return [n - s * share for n, s in zip(natural, slack, strict=True)]
    floor = [min(n, m) for n, m in zip(natural, minimum, strict=True)]
    return [w * available / sum(floor) for w in floor]
