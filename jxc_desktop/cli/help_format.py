"""An argparse help formatter that wraps Chinese text by its width on the terminal.

argparse wraps help with `textwrap`, which counts characters and breaks only at spaces:
a Chinese sentence (two columns a character, no spaces) comes out as one line nearly
twice the terminal's width. Here a line is measured in columns, may break between any
two CJK characters (never inside an ASCII word such as `--from` or `YYYY-MM-DD`, nor
inside a short Chinese word set off by spaces, such as the 物料清单 of `boms 物料清单`), and
closing punctuation (，。、）…) stays at the end of its line instead of starting the next;
an opening mark (（《“) moves down with the text it opens.
"""

from __future__ import annotations

import argparse
import re
import unicodedata

# a run of spaces | a run of other ASCII (one word, never split) | a short Chinese word
# standing alone (物料清单, 反审核: up to 4 characters between spaces, ASCII or punctuation)
# | one character
_WORD = r"[^\s!-~，。、；：？！（）《》“”]"
_TOKEN = re.compile(rf"\s+|[!-~]+|{_WORD}{{1,4}}(?!{_WORD})|.")
_NO_LINE_START = set("，。、；：？！）》」』】”’…")
_NO_LINE_END = set("（《「『【“‘")


def width(text: str) -> int:
    """Columns `text` takes on a terminal: East Asian wide and full-width characters take 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """`text` (white space collapsed) in lines of at most `columns` columns; a single
    word wider than that, or a closing mark hung on a full line, may exceed it."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        size = width(token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + size > columns and line.strip() and token not in _NO_LINE_START:
            # an opening mark (（《“) goes down with what it opens
            carry = line[-1] if line[-1] in _NO_LINE_END and len(line.strip()) > 1 else ""
            lines.append(line[: len(line) - len(carry)].rstrip())
            line, used = carry, width(carry)
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class WideHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with `wrap` for help texts and descriptions, and section
    headings ending in a full-width colon where they are Chinese (位置参数：)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        # argparse measures "用法：" as 3 columns: lay the usage out behind blanks as wide
        # as the prefix really is, then put the prefix in their place
        prefix = argparse._("usage: ") if prefix is None else prefix
        blank = " " * width(prefix)
        text = super()._format_usage(usage, actions, groups, blank)
        return prefix + text[len(blank) :]

    def format_help(self) -> str:
        text = super().format_help()
        # argparse writes "heading:"; a Chinese heading reads better with "："
        return re.sub(r"^([^\x00-\x7f][^\s:]*):$", r"\1：", text, flags=re.MULTILINE)
