"""argparse's own messages (usage, missing or unknown arguments) in the user's language.

argparse looks its messages up through the module-level `_` (gettext) each time it
prints one, so swapping that function is enough; the language is known before parsing
from `--lang` (Chinese unless `--lang en`). A command's own help texts are written in
both languages with `h("中文", "English")`, which picks the one `install` chose (the
parser is built after `install`); `add_command` does the same for a sub-command's
help and description.
"""

from __future__ import annotations

import argparse
import gettext

from jxc_desktop.cli.help_format import WideHelpFormatter

ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项：%(value)r（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    "ignored explicit argument %r": "忽略了多余的值 %r",
}


def language_of(argv: list[str]) -> str:
    """The language `--lang` asks for (`--lang en` or `--lang=en`), Chinese otherwise."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "zh_CN"


_language = "zh_CN"


def h(zh: str, en: str) -> str:
    """A help text in the language `install` chose (Chinese by default)."""
    return zh if _language.startswith("zh") else en


def add_command(sub, name: str, zh: str, en: str, **kwargs):
    """`sub.add_parser(name)` whose one-line help (in the parent's list of commands) is
    also its description (at the top of `jxc NAME --help`), in the chosen language."""
    text = h(zh, en)
    kwargs.setdefault("formatter_class", WideHelpFormatter)
    return sub.add_parser(name, help=text, description=text, **kwargs)


def install(language: str) -> None:
    """Makes argparse speak `language` (zh_CN: the table above; anything else: English)."""
    global _language
    _language = language
    if language.startswith("zh"):
        argparse._ = lambda text: ZH.get(text, text)
    else:
        argparse._ = gettext.gettext
