"""Keeps resources/i18n/jxc_en.ts in step with the GUI's source strings.

    python -m jxc_desktop.ui.ts_tool            # add new strings (unfinished), drop none
    python -m jxc_desktop.ui.ts_tool --check    # exit 1 listing strings with no English

Strings are found by reading every `tr("...")` call with a literal argument in
jxc_desktop/ui/*.py and in every module of its subpackages whose `tr` is Qt's (Python's
ast, so formatting never confuses it). Existing translations are kept; the file stays
sorted for small diffs.
"""

from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from jxc_desktop.ui.i18n import CONTEXT, ts_path

UI_DIR = Path(__file__).resolve().parent


Key = tuple[str, str]  # (Chinese source, disambiguating note or "")


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _uses_qt_tr(tree: ast.Module) -> bool:
    """The module's `tr` is Qt's (jxc_desktop.ui.i18n), not the engine's two-language one,
    whose second argument is the English itself rather than a note."""
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "jxc_desktop.ui.i18n"
        and any(a.name == "tr" and a.asname in (None, "tr") for a in node.names)
        for node in ast.walk(tree)
    )


def source_strings() -> set[Key]:
    found: set[Key] = set()
    for path in sorted(UI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if path.parent != UI_DIR and not _uses_qt_tr(tree):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and 1 <= len(node.args) <= 2
                and all(_literal(arg) is not None for arg in node.args)
            ):
                note = _literal(node.args[1]) if len(node.args) == 2 else ""
                found.add((_literal(node.args[0]), note))
    return found


def read_ts(path: Path) -> dict[Key, str]:
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    out = {}
    for message in root.iter("message"):
        key = (message.findtext("source") or "", message.findtext("comment") or "")
        out[key] = message.findtext("translation") or ""
    return out


def write_ts(path: Path, translations: dict[Key, str], language: str = "en") -> None:
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for key in sorted(translations):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = key[0]
        if key[1]:
            ET.SubElement(message, "comment").text = key[1]
        translation = ET.SubElement(message, "translation")
        if translations[key]:
            translation.text = translations[key]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
    )


def missing(language: str = "en") -> list[Key]:
    known = read_ts(ts_path(language))
    return sorted(s for s in source_strings() if not known.get(s))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ts_tool")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        gaps = missing()
        for text, note in gaps:
            print(f"{text}  [{note}]" if note else text)
        return 1 if gaps else 0
    path = ts_path("en")
    known = read_ts(path)
    merged = {**known, **{s: known.get(s, "") for s in source_strings()}}  # drops none
    write_ts(path, merged)
    print(f"{path}: {len(merged)} strings, {sum(1 for v in merged.values() if not v)} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
