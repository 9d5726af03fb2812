"""`jxc … --help` speaks Chinese by default and English with `--lang en`, for every command.

The commands are found by walking the real parser, so a command added later without
translated help texts fails here.
"""

import argparse
import re

import pytest

from jxc_desktop.cli import argparse_i18n, build_parser, main
from jxc_desktop.cli.help_format import width, wrap

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# three English words in a row: a sentence left untranslated (codes, metavars and choices
# such as `--from DATE_FROM` or `{list,show}` never look like this)
ENGLISH = re.compile(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")


def _walk(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _walk(child, (*path, name))


def _parsers(language: str) -> dict[tuple, argparse.ArgumentParser]:
    saved = argparse._, argparse_i18n._language
    argparse_i18n.install(language)
    try:
        return dict(_walk(build_parser()))
    finally:
        argparse._, argparse_i18n._language = saved


PATHS = sorted(_parsers("zh_CN"))
GROUPS = [p for p, parser in _parsers("zh_CN").items() if parser._subparsers and p]


def _texts(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """(what, text) for the parser's description and every argument's help."""
    texts = [("description", parser.description or "")]
    for action in parser._actions:
        if not isinstance(action, argparse._HelpAction):
            texts.append(("/".join(action.option_strings) or action.dest, action.help or ""))
    return texts


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0
    out = capsys.readouterr()
    assert out.err == ""
    return out.out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "jxc")
def test_help_in_chinese(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    parser = _parsers("zh_CN")[path]
    untranslated = [what for what, text in _texts(parser) if not CJK.search(text)]
    assert untranslated == []
    text = _help(capsys, [*path, "--help"])
    assert text.startswith("用法：jxc") and "显示本帮助并退出" in text
    assert "选项：" in text and "options" not in text and "usage" not in text
    body = text.split("\n\n", 1)[1]  # the usage names commands and arguments: not sentences
    assert [line for line in body.splitlines() if ENGLISH.search(line)] == []
    # wrapped by the columns Chinese takes: nothing wider than the terminal
    assert [line for line in text.splitlines() if CJK.search(line) and width(line) > 80] == []


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "jxc")
def test_help_in_english(path, capsys):
    parser = _parsers("en")[path]
    assert [what for what, text in _texts(parser) if not text or CJK.search(text)] == []
    text = _help(capsys, ["--lang", "en", *path, "--help"])
    assert text.startswith("usage: jxc") and "show this help message and exit" in text
    assert CJK.findall(text) == []


def test_lang_after_the_command_still_picks_english(capsys):
    assert "approve imported documents" in _help(capsys, ["import", "--help", "--lang", "en"])
    assert "导入后审核单据" in _help(capsys, ["--lang=zh_CN", "import", "--help"])


@pytest.mark.parametrize("path", GROUPS, ids=" ".join)
def test_a_group_without_its_action_exits_2(path, capsys):
    with pytest.raises(SystemExit) as zh:
        main(list(path))
    assert zh.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err
    with pytest.raises(SystemExit) as en:
        main(["--lang", "en", *path])
    assert en.value.code == 2
    err = capsys.readouterr().err
    assert "the following arguments are required" in err and not CJK.search(err)


def test_unknown_command_and_missing_command_exit_2(capsys):
    for argv, zh, en in (
        (["nonsense"], "无效的选项", "invalid choice"),
        ([], "缺少必需的参数：command", "the following arguments are required: command"),
    ):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2 and zh in capsys.readouterr().err
        with pytest.raises(SystemExit) as exit_:
            main(["--lang", "en", *argv])
        assert exit_.value.code == 2 and en in capsys.readouterr().err


def test_the_command_line_contract_is_unchanged():
    """Names, option strings and metavars are what scripts call (DOMAIN.md, Interchange)."""
    zh, en = _parsers("zh_CN"), _parsers("en")
    assert {"init", "check", "config", "doc", "report", "import", "close", "reopen"} <= {
        p[0] for p in PATHS if p
    }
    for path, parser in zh.items():
        shape = [(a.option_strings, a.dest, a.nargs, a.metavar) for a in parser._actions]
        assert shape == [(a.option_strings, a.dest, a.nargs, a.metavar) for a in en[path]._actions]
    report = {a.dest: a for a in zh[("report",)]._actions}
    assert report["format"].choices == ["table", "json", "csv", "xlsx"]
    assert zh[("import",)]._option_string_actions["--errors"].metavar == "FILE"


def test_wrap_measures_columns_and_keeps_every_character():
    text = (
        "导入的内容：documents 单据 / boms 物料清单 / 按单据编号或外部单号处理一张单据，列出、查看"
    )
    for columns in (10, 17, 24, 40):
        lines = wrap(text, columns)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(width(line) <= columns + 2 for line in lines)  # a hung "，" at most
        assert not any(line[0] in "，、。：" or line[-1] in "（“" for line in lines)
        assert any("物料清单" in line for line in lines)  # a short word is never split
    assert wrap("an --option YYYY-MM-DD word", 8) == ["an", "--option", "YYYY-MM-DD", "word"]
