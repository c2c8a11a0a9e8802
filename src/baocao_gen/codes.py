"""The stable diagnostic codes, one name per code, so no stage types a code as a string literal.

The letter is the stage that finds the problem (D = data, T = template, P = produced package, W = writing);
the Vietnamese explanation and the fix of each code live in the catalogue, not here.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Code"]


class Code(StrEnum):
    """A diagnostic's code; the value is what the clerk and `--json` consumers see."""

    UNREADABLE_DATA = "D100"
    DUPLICATE_KEY = "D101"
    YAML_ALIAS = "D102"
    LEGACY_ENCODING = "D103"
    BAD_NUMBER = "D104"
    BAD_DATE = "D105"
    UNKNOWN_KEY = "D106"
    MISSING_KEY = "D107"
    WRONG_TYPE = "D108"
    XML_ILLEGAL_CHARACTER = "D109"
    BAD_INHERITANCE = "D110"
    NON_STRING_KEY = "D111"
    YAML_TAG = "D112"
    OVER_LIMIT = "D113"
    WRONG_AUTHORITY = "D120"
    MISSING_REFERENCE = "D121"
    BAD_MARKUP = "D122"
    TOTALS_DISAGREE = "D123"
    TOO_DEEP_OR_MANY = "D124"
    OTHER_RULE = "D125"
    UNFILLED_MARK = "D126"
    BAD_COUNT = "D127"
    STATE_FORMAT = "D128"
    TEMPLATE_UNREADABLE = "T200"
    TEMPLATE_ERROR = "T201"
    TEMPLATE_UNDEFINED = "T202"
    INVALID_PACKAGE = "P300"
    LEFTOVER_TAG = "P301"
    WRONG_SECTION_COUNT = "P302"
    DUPLICATE_ID = "P303"
    WRITE_FAILED = "W400"
    OUTPUT_EDITED = "W401"
    OUTPUT_KEPT_AS_COPY = "W402"
    OUTPUT_MISPLACED = "W403"
    # The frame template's contract (docs/mau-van-ban.md): an office may bring its own template.
    TEMPLATE_MISSING_TAG = "T203"  # a tag the renderer fills is not in the template: content would be lost
    TEMPLATE_MISSING_STYLE = "T204"  # a style the body or the header measurement needs is not defined
    TEMPLATE_OFF_FORMAT = "T205"  # warning: a style or the page departs from FORMAT.md (font, size, margins)

    # batch, pdf (issue 12): one output name claimed by two data files; the PDF converter's failures
    OUTPUT_NAME_TAKEN = "W404"
    PDF_NO_CONVERTER = "W410"
    PDF_TIMEOUT = "W411"
    PDF_FAILED = "W412"

    # Split from D125 ("khác", branch `codes`): a report with an empty Nơi nhận, a validate rule.
    MISSING_RECIPIENTS = "D129"
    # Roll-up of many units (`baocao tong-hop`): units that cannot be added together.
    ROLLUP_CONFLICT = "D130"  # a unit of another report kind or another period than the others
    ROLLUP_DUPLICATE_UNIT = "D131"  # the same unit given twice, under two files
    ROLLUP_MISSING_FIGURE = "D132"  # a unit lacks a figure other units typed: the total would be short
    # Integrity of what a clerk types (issue 10, points 4–7); warnings, errors under `nghiem_ngat`.
    RESTATED_FIGURE = "D140"  # a standard sentence retyped with numbers that disagree with the figures or with each other
    TYPED_PERCENT = "D141"  # a typed percentage that its two counts do not give
    FIGURE_ABOVE_TOTAL = "D142"  # a kind's rule `phan` … `khong_qua`: a sub-count above its total
    NAME_NEAR_MISS = "D143"  # the unit, its superior or its place spelt one letter or diacritic off the profile
    PERIOD_MISMATCH = "D144"  # a căn cứ after the report's date, next period's year wrong, last year's year in a heading
