"""Barcode check digits (GS1: EAN-13, EAN-8, UPC-A, GTIN-14) and code classification.

python-barcode silently *replaces* a wrong check digit when it renders a code, so a
mistyped barcode would print as a different, valid-looking one. Every barcode is
therefore validated here before it is stored.
"""

from __future__ import annotations

# Lengths of all-digit codes that carry a GS1 check digit, and their kind.
GS1_KINDS = {8: "ean8", 12: "upca", 13: "ean13", 14: "gtin14"}
MAX_LENGTH = 48


def ean_check_digit(body: str) -> int:
    """The GS1 check digit for the digits before it (works for EAN-8/13, UPC-A, GTIN-14).

    From the rightmost digit of the body leftwards, weights alternate 3, 1, 3, ...
    """
    if not body.isdigit():
        raise ValueError(f"not all digits: {body!r}")
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    """True when the last digit of an all-digit code is the GS1 check digit of the rest."""
    return code.isdigit() and len(code) >= 2 and ean_check_digit(code[:-1]) == int(code[-1])


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and has_valid_check_digit(code)


def is_valid_ean8(code: str) -> bool:
    return len(code) == 8 and has_valid_check_digit(code)


def is_valid_upca(code: str) -> bool:
    return len(code) == 12 and has_valid_check_digit(code)


def complete_ean13(body12: str) -> str:
    """Appends the check digit to 12 digits (used to generate valid codes, e.g. the demo)."""
    if len(body12) != 12:
        raise ValueError("EAN-13 body must have 12 digits")
    return body12 + str(ean_check_digit(body12))


def classify(code: str) -> str:
    """'ean13', 'ean8', 'upca', 'gtin14' for all-digit codes of those lengths,
    'internal' for any other printable ASCII code (printed as Code128), 'invalid' otherwise.

    The kind says what the code claims to be; `problem_text` says whether it is valid.
    """
    if not code or len(code) > MAX_LENGTH:
        return "invalid"
    if code.isdigit() and code.isascii() and len(code) in GS1_KINDS:
        return GS1_KINDS[len(code)]
    if code.isascii() and all(33 <= ord(ch) <= 126 for ch in code):
        return "internal"
    return "invalid"


def problem_text(code: str) -> tuple[str, str] | None:
    """(zh, en) describing what is wrong with a barcode, or None when it is acceptable."""
    kind = classify(code)
    if kind == "invalid":
        return (
            f"条码 {code!r} 无效：只能包含英文字母、数字和符号（不含空格），最长 {MAX_LENGTH} 位",
            f"Barcode {code!r} is invalid: ASCII letters, digits and symbols only "
            f"(no spaces), at most {MAX_LENGTH} characters",
        )
    if kind in ("ean13", "ean8", "upca", "gtin14") and not has_valid_check_digit(code):
        expected = ean_check_digit(code[:-1])
        label = {"ean13": "EAN-13", "ean8": "EAN-8", "upca": "UPC-A", "gtin14": "GTIN-14"}[kind]
        return (
            f"条码 {code} 的校验位错误（{label} 校验位应为 {expected}）",
            f"Barcode {code} has a wrong check digit ({label} check digit should be {expected})",
        )
    return None
