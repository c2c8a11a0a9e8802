"""Numbers as a clerk types them inside prose (`1.836`, `01`, `90,3%`), found and read the Vietnamese way.

Prose is compared with figures only through this module, so every rule reads `552`, `1.836` and
`87,72%` alike, and compares a rate only to the precision it was typed with.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..vietnamese import format_number

__all__ = ["NUMBER", "percent_agrees", "read_number", "shown_percent"]

NUMBER = r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/]|[.,]\d)(\s*%)?"
"""A typed number, Vietnamese style (`.` thousands, `,` decimals), not part of a date (`06/6/2023`), then an optional `%`."""


def read_number(text: str) -> int | Decimal:
    """Return the value of a number matched by `NUMBER` (without its `%`): `01` is 1, `1.836` is 1836."""
    digits = text.replace(".", "")
    if "," in digits:
        return Decimal(digits.replace(",", "."))
    return int(digits)


def percent_agrees(typed: str, ratio: Decimal) -> bool:
    """Return whether a typed percentage (`90,3`, no `%`) is `ratio` rounded to the digits typed."""
    decimals = len(typed.partition(",")[2])
    step = Decimal(1).scaleb(-decimals)
    return (ratio * 100).quantize(step, ROUND_HALF_UP) == Decimal(
        typed.replace(".", "").replace(",", ".")
    ).quantize(step)


def shown_percent(ratio: Decimal, decimals: int = 2) -> str:
    """Return `ratio` as a percentage with `decimals` digits (`90,28%`): the arithmetic of a warning."""
    value = (ratio * 100).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return format_number(value) + "%"
