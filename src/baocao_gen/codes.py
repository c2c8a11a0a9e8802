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

    # K = kiểm tra: `baocao check` auditing any .docx against NĐ 30 (State) and HD 36 (Party).
    CHECK_UNREADABLE = "K500"  # the file is not a readable .docx (not a package, encrypted, damaged)
    CHECK_PAGE_SIZE = "K501"  # paper not A4, or landscape where portrait is required
    CHECK_MARGIN = "K502"  # a page margin outside the system's range
    CHECK_PAGE_NUMBER = "K503"  # page number missing, not top centre, shown on page 1, appendix not restarted
    CHECK_FONT = "K504"  # a component not in Times New Roman
    CHECK_SIZE = "K505"  # a component's font size outside its range
    CHECK_EMPHASIS = "K506"  # a component's bold, italic or underline wrong
    CHECK_CASE = "K507"  # a component's letter case wrong (UPPER where lower is due, or the reverse)
    CHECK_NUMBER_SIGN = "K508"  # số/ký hiệu in the other system's form, or without the leading zero
    CHECK_DATE_LINE = "K509"  # date line: leading zeros, place name and comma
    CHECK_BODY = "K510"  # body paragraph: size, alignment, first-line indent, spacing, line spacing
    CHECK_AUTHORITY = "K511"  # signing mark not valid for the system (TM./KT. vs T/M, K/T)
    CHECK_RECIPIENTS = "K512"  # Nơi nhận: item punctuation, the last "Lưu" line
    CHECK_HEADING_SEQUENCE = "K513"  # heading numbers skipped, repeated, or levels mixed
    CHECK_POINT_LETTER = "K514"  # a point lettered f), j), w) or z)
    CHECK_FOOTNOTE = "K515"  # footnote reference without its note, or a note nothing refers to
    CHECK_SIGNATURE_PAGE = "K516"  # the signature block alone on its page, without body text
    CHECK_MISSING_PART = "K517"  # a required component not found (Quốc hiệu, số/ký hiệu, date line…)
    CHECK_UNDECIDED = "K518"  # what the checker cannot decide ("không xác định"), never guessed
    # `baocao check`, second session (issue 11): integrity on the document's text, the rules left over.
    CHECK_CITED_REGISTRY = "K519"  # a well-known document cited with a wrong date, or its symbol one slip off
    CHECK_CITED_CONFLICT = "K520"  # one document cited with two dates or two symbols, or listed in two rows
    CHECK_TYPED_LIST = "K521"  # a list typed by hand inside a paragraph («Một là», lines) skips or repeats
    CHECK_ADDRESSEE = "K522"  # «Kính gửi» out of place or in the wrong form
    CHECK_LETTER_SUMMARY = "K523"  # a công văn's trích yếu not in the «V/v …» form under số (State)
    CHECK_RULE_PLACE = "K524"  # a short rule under cơ quan / Tiêu ngữ not centred, or of the wrong length
    CHECK_HEADER_GAP = "K525"  # the gap between Quốc hiệu and Tiêu ngữ is not single spacing

    # daily loop (issue 12): `baocao diff` given a .docx it cannot read; figures read from a spreadsheet
    OUTPUT_UNREADABLE = "P305"  # a .docx to compare is not a readable Word package
    # verify runs `check`'s audit on every output (issue 11, point 5)
    OUTPUT_OFF_FORMAT = "P306"  # our built-in template or code produced a document that breaks a format rule
    OWN_TEMPLATE_OFF_FORMAT = (
        "P307"  # warning: the office's own template (`mau`) gives an off-format document
    )
    SPREADSHEET_UNREADABLE = (
        "D133"  # the .xlsx named by so_lieu is missing, not a workbook, or lacks the sheet
    )
    SPREADSHEET_BAD_KEY = "D134"  # a row of the sheet has no figure name, or a name that is not a dotted key
    PREVIOUS_PERIOD_MISSING = "D135"  # the file named by ky_truoc (last period's data) is not there
    # A validate rule (found by check's audit in verify, where it was reported as the tool's fault).
    MISSING_ARCHIVE_LINE = "D136"  # no `luu` and no «Lưu …» item: Nơi nhận would lack its archive line
    ARCHIVE_LINE_NOT_LAST = "D137"  # a typed «Lưu …» item would print before the end of its Nơi nhận group
    DEPUTY_WITHOUT_KT = "D138"  # warning: a State deputy (Phó …) signs without the «KT. <head>» line

    # integrity of what a clerk types or pastes (issue 10, points 1–3): all warnings
    TYPED_NUMBER = (
        "D160"  # a title, a numbered item or a model's name begins with a number the tool prints itself
    )
    LIST_SEQUENCE = "D161"  # hand-typed list markers in prose skip, repeat, use f/j/w/z or mix levels
    CITATION_CONFLICT = "D162"  # one document number with two dates, or one number and date with two symbols
    DATE_SPELLING = "D163"  # one date spelt two ways in one document (07/1/2019 and 07/01/2019)
    REPEATED_DOCUMENT_ROW = "D164"  # a list of documents names the same document in two rows
    CITATION_NEAR_MISS = (
        "D165"  # a document symbol one slip away from a registered one (25-NOTW for 25-NQ/TW)
    )
    TYPING_SLIP = "D166"  # a space inside a document symbol or a date, a word typed twice
    # Integrity of what a clerk types (issue 10, points 4–7); warnings, errors under `nghiem_ngat`.
    RESTATED_FIGURE = (
        "D140"  # a standard sentence retyped with numbers that disagree with the figures or with each other
    )
    TYPED_PERCENT = "D141"  # a typed percentage that its two counts do not give
    FIGURE_ABOVE_TOTAL = "D142"  # a kind's rule `phan` … `khong_qua`: a sub-count above its total
    NAME_NEAR_MISS = (
        "D143"  # the unit, its superior or its place spelt one letter or diacritic off the profile
    )
    PERIOD_MISMATCH = (
        "D144"  # a căn cứ after the report's date, next period's year wrong, last year's year in a heading
    )
    # `baocao nhap` (issue 14): last year's Word report read into a unit profile and a period file
    IMPORT_UNREADABLE = "K530"  # the report to import is not a readable .docx (exit 2, like `check`)
    IMPORT_LEGACY_FONT = "K531"  # the report is typed in TCVN3/VNI fonts (.VnTime, VNI-Times): refused
    IMPORT_NO_SYSTEM = "K532"  # neither the header nor the ký hiệu tells State from Party: --he-thong needed
    IMPORT_TARGET_EXISTS = "W405"  # a file nhap would write is already there: nothing is written
