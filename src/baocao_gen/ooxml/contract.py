"""The contract of a frame template: the tags the renderer fills, the styles it writes and measures.

The built-in templates and an office's own are held to the same contract (docs/mau-van-ban.md). What
breaks a report is an error: a missing tag loses content (the body, the số line…), a missing style
leaves the body unformatted or the header unmeasurable. What only departs from FORMAT.md (another
font, a size out of the decree's range, a section that is not A4 with 20/20/30/15 mm margins) is
reported as such, for the caller to warn about. Findings are plain values; the words are the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .frame import (
    COMPONENT_STYLES,
    RIGHT_LINE_STYLES,
    STYLE_DATE,
    STYLE_ISSUER,
    STYLE_KIND,
    STYLE_NUMBER,
    STYLE_SUMMARY,
    STYLE_UPPER,
)
from .inspect import PageSetup, TemplateFacts
from .measure import DEFAULT_FONT

__all__ = ["REQUIRED_TAGS", "Finding", "StyleRule", "body_styles", "check_template", "style_rules"]

# The tags the renderer fills, as a designer types them (spaces inside the braces do not matter).
REQUIRED_TAGS = (
    "{%p for dong in chu_quan %}",
    "{%p for dong in ban_hanh %}",
    "{{ so_ky_hieu }}",
    "{{ dia_danh_ngay }}",
    "{{ ten_loai }}",
    "{{r trich_yeu }}",
    "{{p mo_dau }}",
    "{{p noi_dung }}",
    "{{p ket_thuc }}",
    "{%p for dong in noi_nhan %}",
    "{%p for dong in ky %}",
    "{{ ho_ten }}",
    "{{p phu_luc }}",
)

# Styles the body writer refers to by id: without them the body prints in Normal, unnumbered look.
_BODY_STYLES = (
    "VanBan",
    "Phan",
    "PhanTieuDe",
    "Muc",
    "Khoan",
    "KhoanPhu",
    "Diem",
    "Bang",
    "SauBang",
    "TieuDeBang",
    "GhiChuBang",
    "PhuLucSo",
    "PhuLucTieuDe",
    "PhuLucPhu",
    "FootnoteText",
    "FootnoteReference",
)


@dataclass(frozen=True)
class StyleRule:
    """What FORMAT.md requires of one style: a size range in points, bold and italic (None: free)."""

    style_id: str
    sizes: tuple[float, float] | None = None
    bold: bool | None = None
    italic: bool | None = None
    required: bool = True  # False: checked only when the template has it


# FORMAT.md 1.2 (NĐ 30/2020, Phụ lục I) and 2 (HD 36-HD/VPTW), component by component.
_RULES = {
    "nha_nuoc": (
        StyleRule("VanBan", (13, 14), False, False),
        StyleRule(STYLE_UPPER, (12, 13), False, False),
        StyleRule(STYLE_ISSUER, (12, 13), True, False),
        StyleRule("QuocHieu", (12, 13), True, False),
        StyleRule("TieuNgu", (13, 14), True, False),
        StyleRule(STYLE_NUMBER, (13, 13), False, False),
        StyleRule(STYLE_DATE, (13, 14), False, True),
        StyleRule(STYLE_KIND, (13, 14), True, False),
        StyleRule(STYLE_SUMMARY, (13, 14), True, False),
        StyleRule("NoiNhanTieuDe", (12, 12), True, True, required=False),
        StyleRule("NoiNhan", (11, 11), False, False, required=False),
        StyleRule("ChuKy", (13, 14), required=False),
        StyleRule("SoTrang", (13, 14), False, False, required=False),
    ),
    "dang": (
        StyleRule("VanBan", (14, 15), False, False),
        StyleRule(STYLE_UPPER, (14, 14), False, False),
        StyleRule(STYLE_ISSUER, (14, 14), True, False),
        StyleRule("TieuDeDang", (15, 15), True, False),
        StyleRule(STYLE_NUMBER, (14, 14), False, False),
        StyleRule(STYLE_DATE, (14, 14), False, True),
        StyleRule(STYLE_KIND, (15, 16), True, False),
        StyleRule(STYLE_SUMMARY, (14, 15), True, False),
        StyleRule("NoiNhanTieuDe", (14, 14), False, False, required=False),
        StyleRule("NoiNhan", (12, 12), False, False, required=False),
        StyleRule("ChuKy", (14, 14), required=False),
        StyleRule("SoTrang", (14, 14), False, False, required=False),
    ),
}
_MEASURED = frozenset(COMPONENT_STYLES).union(*RIGHT_LINE_STYLES.values())

# A4 portrait, margins top 20, bottom 20, left 30, right 15 mm (FORMAT.md; ranges 20–25, 20–25, 30–35, 15–20).
_A4 = (11906, 16838)
_MM = 56.7  # twips per millimetre
_MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}


@dataclass(frozen=True)
class Finding:
    """One way a template departs from the contract.

    `kind` is `missing_tag` (subject: the tag), `missing_style` (subject: the style id), `style` (a
    style's property off FORMAT.md: `what` is font, size, bold or italic, `found` and `expected` say
    how), `page` (`what` is size, a margin name or page_number).
    """

    kind: str
    subject: str
    what: str = ""
    found: str = ""
    expected: str = ""

    @property
    def breaking(self) -> bool:
        """Return whether rendering with this template would lose content or formatting."""
        return self.kind in ("missing_tag", "missing_style")


def style_rules(system: str) -> tuple[StyleRule, ...]:
    """Return the FORMAT.md rules of the styles of `system`'s template."""
    return _RULES[system]


def body_styles() -> tuple[str, ...]:
    """Return the ids of the styles the body writer refers to."""
    return _BODY_STYLES


def _squeezed(tag: str) -> str:
    return "".join(tag.split())


def _number(value: float) -> str:
    return f"{value:g}"


def _style_findings(facts: TemplateFacts, system: str) -> list[Finding]:
    present = facts.styles.ids()
    out: list[Finding] = []
    rules = {rule.style_id: rule for rule in _RULES[system]}
    wanted = [
        *(r.style_id for r in _RULES[system] if r.required),
        *(s for s in _BODY_STYLES if s not in rules),
    ]
    out += [Finding("missing_style", ident) for ident in wanted if ident not in present]
    for rule in _RULES[system]:
        if rule.style_id not in present:
            continue
        # The measured components as they print (a size set on their text counts); the others as styled.
        style = (
            facts.printed(rule.style_id)
            if rule.style_id in _MEASURED
            else facts.styles.text_style(rule.style_id)
        )
        if style.font.strip().lower() != DEFAULT_FONT.lower():
            out.append(Finding("style", rule.style_id, "font", style.font, DEFAULT_FONT))
        if rule.sizes and not rule.sizes[0] <= style.size <= rule.sizes[1]:
            low, high = rule.sizes
            expected = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
            out.append(Finding("style", rule.style_id, "size", _number(style.size), expected))
        for what, want, got in (("bold", rule.bold, style.bold), ("italic", rule.italic, style.italic)):
            if want is not None and want != got:
                out.append(Finding("style", rule.style_id, what, str(got), str(want)))
    return out


def _page_findings(page: PageSetup | None, numbered: bool) -> list[Finding]:
    if page is None:
        return [Finding("page", "section", "size", "", "A4")]
    out: list[Finding] = []
    if (page.width, page.height) != _A4:
        out.append(
            Finding(
                "page",
                "section",
                "size",
                f"{page.width / _MM:.0f} × {page.height / _MM:.0f} mm",
                "210 × 297 mm",
            )
        )
    for side, (low, high) in _MARGINS.items():
        millimetres = getattr(page, side) / _MM
        if not low - 0.5 <= millimetres <= high + 0.5:
            out.append(Finding("page", "section", side, f"{millimetres:.0f} mm", f"{low}–{high} mm"))
    if not numbered:
        out.append(Finding("page", "section", "page_number"))
    return out


def check_template(facts: TemplateFacts, system: str) -> list[Finding]:
    """Return every way the template of `facts` departs from the contract for `system`, tags first."""
    found = {_squeezed(tag) for tag in facts.tags}
    out = [Finding("missing_tag", tag) for tag in REQUIRED_TAGS if _squeezed(tag) not in found]
    out += _style_findings(facts, system)
    out += _page_findings(facts.page, facts.page_number_from_page_two)
    return out
