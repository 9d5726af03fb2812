"""Engine messages in the user's language.

Every engine message is written once in both languages where it is raised:
`tr("商品编码不能为空", "Item code is required")`. Chinese comes first because the
product is Chinese first; the pair keeps each message and its translation together so
neither can go missing. The GUI's own strings use Qt's tr() and .ts files instead.
"""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en")
_language = "zh_CN"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use zh_CN or en")
    _language = language


def get_language() -> str:
    return _language


def tr(zh: str, en: str, **params: object) -> str:
    """The message in the current language, with {named} parameters filled in."""
    text = zh if _language == "zh_CN" else en
    return text.format(**params) if params else text
