"""Stage 3, compute: model → document tree and template values, with everything derived filled in.

A clerk never types a heading number, a point letter, a total, the punctuation of Nơi nhận or the
form of the số/ký hiệu: they are computed here from position and data, so they cannot be duplicated,
skipped or inconsistent. Footnotes are numbered in order of appearance while the document is walked
in reading order (opening, body, closing, appendices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .citations import FORMS, format_citation, load_registry
from .diagnostics import Diagnostic, Location, Severity
from .document import Block, Footnote, Inline, Paragraph, Run, SectionBreak
from .kinds import FIGURE_REFERENCE, OPTIONAL_CLAUSE, load_kind
from .limits import MAX_ROMAN_NUMBER
from .loader import YList, YMap, YStr, location_of
from .markup import Locator, MarkupContext, Unresolved, parse_blocks, parse_title, plain_text
from .model import BaoCao, Muc
from .ooxml.frame import FrameSpec, frame_of_file
from .resources import template_path
from .tables import build_table
from .vietnamese import (
    VietnameseValueError,
    format_date_short,
    format_date_words,
    format_document_number,
    format_number,
    format_place_date,
    number_to_words,
    part_title,
    point_letter,
    to_roman,
)

__all__ = ["Plan", "compute", "fits", "split_header", "upper"]

_NUMBER_STYLE_OF_LEVEL = {"phan": "Phan", "la_ma": "Muc", "so": "Khoan", "so_phu": "KhoanPhu", "chu": "Diem"}


def upper(text: str) -> str:
    """Return Vietnamese upper case (Python's is right for every Vietnamese letter, đ → Đ included)."""
    return text.upper()


HEADER_SHARE = (0.40, 0.45)  # FORMAT.md: the left header column takes 40–45 % of the text width
HEADER_AIR = 60  # twips (3 pt) kept free beside the widest line of a column when there is room
LINE_AIR = 20  # twips: LibreOffice rounds glyph advances, and wraps a line measured 1/2 pt short of its column


def fits(width: int, column: int) -> bool:
    """Return whether a line measured `width` twips stays on one line in a column of `column` twips."""
    return width + LINE_AIR <= column


def split_header(left_need: int, right_need: int, left_floor: int, total: int) -> int:
    """Return the width of the header's left column, in twips.

    `left_need` and `right_need` are the widest lines of each side, `left_floor` what the left column
    cannot do without (its số line, its longest word). When both sides fit, the left column takes
    the middle of FORMAT.md's 40–45 %, moved only as far as a side needs (Lục Bình's Ban Chỉ đạo
    name needs half the width), and each side keeps up to 3 pt of air. When the two sides together
    are wider than the page, the right side keeps its lines whole (see `_header_columns`).
    """
    low, high = (round(total * share) for share in HEADER_SHARE)
    left_need, right_need, left_floor = left_need + LINE_AIR, right_need + LINE_AIR, left_floor + LINE_AIR
    spare = total - left_need - right_need
    if spare >= 0:
        air = min(HEADER_AIR - LINE_AIR, spare // 2)
        return min(max((low + high) // 2, left_need + air), total - right_need - air)
    return min(max(total - right_need, left_floor), total)


@dataclass
class Plan:
    """What render needs: template values, blocks per slot, footnotes and the expected sections."""

    system: str
    values: dict[str, Any]
    slots: dict[str, list[Block]]
    trich_yeu: list[Inline]
    footnotes: list[Footnote]
    title: str = ""
    final_orientation: str = "portrait"
    final_restart: bool = False
    section_count: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Computer:
    def __init__(self, report: BaoCao, origin: Any, figures: dict[str, Any] | None = None):
        self.report = report
        self.origin = origin
        self.figures = report.so_lieu if figures is None else figures
        self.kind = load_kind(report.loai)
        self.sentences = self.kind.cau if self.kind else {}
        self.diagnostics: list[Diagnostic] = []
        self.footnotes: list[Footnote] = []
        self.used_notes: dict[str, int] = {}
        self.registry = load_registry()
        self._document_number: str | None = None
        self.ctx = MarkupContext(self._figure, self._citation, self._footnote, self.diagnostics, inspect=self._check_cited_dates)
        self._cited = [
            (entry, re.compile(re.escape(entry.so) + r"\s*,?\s*ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"))
            for entry in self.registry.values()
            if entry.ngay
        ]

    # -- references -------------------------------------------------------------------------
    def _loc(self, *path: str | int) -> Location | None:
        return location_of(self.origin, tuple(path)) if self.origin is not None else None

    def _locator(self, text: str, *path: str | int) -> Locator | None:
        """Return where each character of `text`, the model's value at `path`, was typed.

        Only a text that is the typed value itself (or its upper case, for titles) is located character by
        character; a text the tool made (the căn cứ sentence, a kind's own titles) is located at its key.
        """
        node: Any = self.origin
        for part in path:
            if isinstance(node, YMap) and isinstance(part, str) and part in node:
                node = node[part]
            elif isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                node = None
                break
        if isinstance(node, YStr) and len(node) == len(text) and text in (node, upper(node)):
            return node.location_at
        where = self._loc(*path)
        return None if where is None else lambda offset: where

    def _lookup(self, name: str) -> tuple[bool, Any]:
        """Return whether the figure `name` is in the figures, and its value (None when typed blank)."""
        node: Any = self.figures
        for part in name.split("."):
            if not isinstance(node, dict) or part not in node:
                return False, None
            node = node[part]
        return True, node

    def _figure(self, reference: str) -> str | Unresolved | None:
        name, _, form = reference.partition("|")
        if name.startswith("cau."):
            return self._sentence(name[4:])
        found, node = self._lookup(name)
        if not found:
            parts = self.kind.tinh.get(name, ()) if self.kind else ()
            lacking = [part for part in parts if not isinstance(self._lookup(part)[1], int | Decimal)]
            if lacking:
                return Unresolved(
                    f"số tổng «{name}» không cộng được vì chưa có: {', '.join(lacking)}.",
                    "gõ đủ các số thành phần vào `so_lieu` (0 nếu không có)",
                )
            return None
        if node is None:
            # Only a figure the kind lets stay blank gets here (any other blank is refused at its line).
            return Unresolved(
                f"số liệu «{name}» để trống nên không in được ở đây.",
                "gõ số vào `so_lieu`, hoặc viết lại câu không dẫn số liệu này",
            )
        if not isinstance(node, int | Decimal):
            return None
        if form == "chu":
            return number_to_words(node)
        if form == "02" and isinstance(node, int) and 1 <= node < 10:
            return f"0{node}"
        return format_number(node)

    def _check_cited_dates(self, text: str, at: Locator) -> None:
        """Warn when prose types a well-known document with a wrong date (seeds have 23/6 and 30/6/2013
        for Nghị quyết 25-NQ/TW, which is of 03/6/2013)."""
        for entry, pattern in self._cited:
            for match in pattern.finditer(text):
                day, month, year = (int(g) for g in match.groups())
                if (day, month, year) != (entry.ngay.day, entry.ngay.month, entry.ngay.year):
                    self.diagnostics.append(
                        Diagnostic(
                            "D125",
                            f"{entry.loai} số {entry.so} ban hành ngày {format_date_short(entry.ngay)}, không phải {day:02d}/{month}/{year}.",
                            at(match.start()),
                            match.group(0),
                            f"viết [[{entry.key}]] (hoặc [[{entry.key}|ngan]]) để công cụ ghi đúng số và ngày",
                            severity=Severity.WARNING,
                        )
                    )

    def _sentence(self, name: str) -> str | Unresolved | None:
        """Return a standard sentence of the kind with its figures filled in (plain text).

        A clause in `[…]` holds an optional figure: it is printed without the brackets when the figure
        was typed, and left out whole when it is blank or not there, so the sentence never shows an
        empty number or a unit with no number before it.
        """
        template = self.sentences.get(name)
        if template is None:
            return None

        def clause(match: re.Match[str]) -> str:
            for reference in FIGURE_REFERENCE.findall(match.group(1)):
                figure = reference.partition("|")[0]
                if self.kind is not None and self.kind.optional_figure(figure) and self._lookup(figure)[1] is None:
                    return ""
            return match.group(1)

        missing: list[str] = []

        def fill(match: re.Match[str]) -> str:
            value = self._figure(match.group(1))
            if not isinstance(value, str):
                missing.append(match.group(1).partition("|")[0])
                return match.group(0)
            return value

        text = FIGURE_REFERENCE.sub(fill, OPTIONAL_CLAUSE.sub(clause, template))
        if missing:
            return Unresolved(
                f"câu chuẩn «cau.{name}» cần số liệu chưa có hoặc để trống: {', '.join(missing)}.",
                "gõ các số liệu này vào `so_lieu`",
            )
        return text

    def _citation(self, reference: str) -> str | None:
        key, _, form = reference.partition("|")
        entry = self.registry.get(key.strip())
        form = form.strip() or "day_du"
        if entry is None or form not in FORMS:
            return None
        return format_citation(entry, form)

    def _footnote(self, note_id: str, where: Location) -> int | None:
        if note_id in self.used_notes:
            self.diagnostics.append(
                Diagnostic(
                    "D121",
                    f"chú thích [^{note_id}] đã dùng ở chỗ khác; mỗi chú thích chỉ đặt một lần.",
                    where,
                    f"[^{note_id}]",
                    hint="tạo một chú thích mới với tên khác",
                )
            )
            return None
        text = self.report.chu_thich.get(note_id)
        if text is None:
            self.diagnostics.append(
                Diagnostic(
                    "D121",
                    f"chưa có nội dung cho chú thích [^{note_id}].",
                    where,
                    f"[^{note_id}]",
                    hint=f"thêm vào `chu_thich:` dòng `{note_id}: nội dung chú thích`",
                )
            )
            return None
        number = len(self.footnotes) + 1
        self.used_notes[note_id] = number
        note = Footnote(number)
        self.footnotes.append(note)
        inner = MarkupContext(
            self._figure, self._citation, self._footnote, self.diagnostics, allow_footnotes=False, inspect=self._check_cited_dates
        )
        note.blocks = [b for b in parse_blocks(text, inner, self._locator(text, "chu_thich", note_id), style="FootnoteText") if isinstance(b, Paragraph)]
        return number

    # -- text ---------------------------------------------------------------------------------
    def prose(self, text: str | None, *path: str | int, style: str = "VanBan") -> list[Block]:
        return parse_blocks(text, self.ctx, self._locator(text, *path) if text else None, style=style)

    def inline(self, text: str, *path: str | int, bold: bool = False) -> list[Inline]:
        return parse_title(text, self.ctx, self._locator(text, *path), base_bold=bold)

    # -- opening and closing ------------------------------------------------------------------
    def opening(self) -> list[Block]:
        opening = self.report.mo_dau
        if opening is None:
            return []
        if isinstance(opening, str):
            return self.prose(opening, "mo_dau")
        phrases = []
        for doc in opening.can_cu:
            phrase = f"{doc.loai} số {doc.so}" if doc.so else f"{doc.loai} số      "
            if doc.ngay:
                phrase += f" ngày {format_date_short(doc.ngay)}"
            if doc.cua:
                phrase += f" của {doc.cua}"
            if doc.ve:
                phrase += f" về {doc.ve}"
            phrases.append(phrase)
        blocks: list[Block] = []
        if phrases:
            first = "Thực hiện " + "; ".join(phrases)
            if opening.bao_cao and opening.cung_doan:
                first += ", " + opening.bao_cao
            elif not first.endswith("."):
                first += "."
            blocks.extend(self._italic_if(self.prose(first, "mo_dau", "can_cu"), opening.in_nghieng))
        if opening.bao_cao and not (opening.cung_doan and phrases):
            blocks.extend(self.prose(opening.bao_cao, "mo_dau", "bao_cao"))
        return blocks

    @staticmethod
    def _italic_if(blocks: list[Block], italic: bool) -> list[Block]:
        if not italic:
            return blocks
        for block in blocks:
            if isinstance(block, Paragraph):
                block.inlines = [Run(i.text, i.bold, True, i.underline, i.superscript) if isinstance(i, Run) else i for i in block.inlines]
        return blocks

    def closing(self) -> list[Block]:
        if self.report.ket_thuc:
            blocks = self.prose(self.report.ket_thuc, "ket_thuc")
        elif self.report.ten_goi:
            ending = "./." if self.report.he_thong == "nha_nuoc" else "."
            blocks = [Paragraph([Run(f"{self.report.ten_goi} kính báo cáo{ending}")])]
        else:
            blocks = []
        # The closing words travel with Nơi nhận and the signature: never a signature alone on a page.
        for block in blocks:
            if isinstance(block, Paragraph):
                block.keep_next = True
        return blocks

    # -- body -----------------------------------------------------------------------------------
    def body(self) -> list[Block]:
        blocks: list[Block] = []
        self._sections(self.report.noi_dung, 0, "", ("noi_dung",), blocks)
        return blocks

    def _level_style(self, depth: int, path: tuple[str | int, ...]) -> str:
        styles = self.report.danh_so
        if depth < len(styles):
            return styles[depth]
        self.diagnostics.append(
            Diagnostic(
                "D124",
                f"mục lồng quá sâu: cấp {depth + 1} không có trong `danh_so` ({', '.join(styles)}).",
                self._loc(*path),
                hint="thêm một kiểu đánh số vào `danh_so` hoặc viết nội dung cấp này thành gạch đầu dòng",
            )
        )
        return "chu"

    def _sections(self, sections: list[Muc], depth: int, parent_number: str, path: tuple[str | int, ...], out: list[Block]) -> None:
        for index, section in enumerate(sections, start=1):
            here = (*path, index - 1)
            kind = self._level_style(depth, here)
            number = self._number(kind, index, parent_number, here)
            if kind == "phan":
                out.append(Paragraph([Run(part_title(index))], style="Phan", keep_next=True))
                if section.tieu_de:
                    out.append(Paragraph(self.inline(upper(section.tieu_de), *here, "tieu_de"), style="PhanTieuDe", keep_next=True))
                first = self.prose(section.van_ban, *here, "van_ban")
            elif section.tieu_de:
                title = upper(section.tieu_de) if kind == "la_ma" else section.tieu_de
                out.append(Paragraph([Run(number + " "), *self.inline(title, *here, "tieu_de")], style=_NUMBER_STYLE_OF_LEVEL[kind], keep_next=True))
                first = self.prose(section.van_ban, *here, "van_ban")
            else:
                # An untitled khoản/điểm: its number leads its first paragraph, not bold (NĐ 30 Phụ lục I).
                first = self.prose(section.van_ban, *here, "van_ban")
                if first and isinstance(first[0], Paragraph):
                    first[0].inlines.insert(0, Run(number + " "))
                else:
                    first.insert(0, Paragraph([Run(number)]))
            out.extend(first)
            for t_index, table in enumerate(section.bang):
                out.extend(build_table(table, self, (*here, "bang", t_index), "portrait"))
            self._sections(section.muc, depth + 1, number.rstrip("."), (*here, "muc"), out)
            out.extend(self.prose(section.van_ban_sau, *here, "van_ban_sau"))

    def _number(self, kind: str, index: int, parent: str, path: tuple[str | int, ...]) -> str:
        if kind == "phan":
            return str(index)
        if kind == "la_ma":
            return f"{self._roman(index, path)}."
        if kind == "so":
            return f"{index}."
        if kind == "so_phu":
            return f"{parent}.{index}." if parent else f"{index}."
        try:
            return f"{point_letter(index)})"
        except ValueError:
            self.diagnostics.append(
                Diagnostic("D124", "quá nhiều điểm để đánh chữ cái (tối đa 23, đến “y)”).", self._loc(*path), hint="chia nhỏ mục này")
            )
            return f"{index})"

    def _roman(self, index: int, path: tuple[str | int, ...], what: str = "mục") -> str:
        """Return I, II, III…; past MAX_ROMAN_NUMBER say so once, at the first item, and use digits.

        `to_roman` stops at 3999 (plain Roman numerals have no letter for 5000) and a list may be
        longer, so without this check the 4000th section was an internal error.
        """
        if index <= MAX_ROMAN_NUMBER:
            return to_roman(index)
        if index == MAX_ROMAN_NUMBER + 1:
            hint = f"gộp các {what} nhỏ lại"
            if what == "mục":
                hint += ", hoặc chọn kiểu đánh số khác trong `danh_so`"
            self.diagnostics.append(
                Diagnostic(
                    "D124",
                    f"quá nhiều {what} để đánh số La Mã (tối đa {format_number(MAX_ROMAN_NUMBER)}, "
                    f"đến “{to_roman(MAX_ROMAN_NUMBER)}”).",
                    self._loc(*path),
                    hint=hint,
                )
            )
        return str(index)

    # -- appendices ------------------------------------------------------------------------------
    def appendices(self) -> tuple[list[Block], str, int]:
        appendices = self.report.phu_luc
        if not appendices:
            return [], "portrait", 1
        blocks: list[Block] = [SectionBreak("portrait", restart_page_numbers=False)]
        for index, appendix in enumerate(appendices, start=1):
            here = ("phu_luc", index - 1)
            orientation = "landscape" if appendix.huong == "ngang" else "portrait"
            label = "Phụ lục" if len(appendices) == 1 else f"Phụ lục {self._roman(index, here, 'phụ lục')}"
            blocks.append(Paragraph([Run(label)], style="PhuLucSo", keep_next=True))
            blocks.append(Paragraph(self.inline(upper(appendix.tieu_de), *here, "tieu_de"), style="PhuLucTieuDe", keep_next=True))
            blocks.append(Paragraph(self.inline(appendix.tieu_de_phu or self._attached_line(), *here, "tieu_de_phu"), style="PhuLucPhu", keep_next=True))
            blocks.extend(self.prose(appendix.van_ban, *here, "van_ban"))
            for t_index, table in enumerate(appendix.bang):
                blocks.extend(self._appendix_table(appendix.ma, table, here, t_index, orientation, label))
            blocks.extend(self.prose(appendix.van_ban_sau, *here, "van_ban_sau"))
            if index < len(appendices):
                blocks.append(SectionBreak(orientation, restart_page_numbers=True))
        last = "landscape" if appendices[-1].huong == "ngang" else "portrait"
        return blocks, last, 1 + len(appendices)

    def _appendix_table(
        self, code: str | None, table: Any, here: tuple[str | int, ...], t_index: int, orientation: str, label: str
    ) -> list[Block]:
        """Build one appendix table, pointing diagnostics where the clerk typed its rows.

        An appendix with `ma` got the kind's layout as its first table, filled with the appendix's own
        `dong` (typed at `phu_luc[i].dong`); the tables typed under its `bang` follow, one place further on
        than where they were typed.
        """
        if not code:
            return build_table(table, self, (*here, "bang", t_index), orientation, label)
        if t_index == 0:
            return build_table(table, self, here, orientation, label)
        return build_table(table, self, (*here, "bang", t_index - 1), orientation, label)

    def document_number(self) -> str:
        """Return the số/ký hiệu line, once; a part that cannot stand in it is the clerk's error.

        The model accepts any text for `viet_tat` and `loai_van_ban` and any `so` ≥ 1, but a ký hiệu
        cannot hold a space or a slash, nor a number above a billion; reported at the key, never raised.
        """
        if self._document_number is None:
            report = self.report
            try:
                self._document_number = format_document_number(report.he_thong, report.so, report.loai_van_ban, report.viet_tat)
            except VietnameseValueError as exc:
                key = self._wrong_number_part()
                value = getattr(report, key)
                self.diagnostics.append(Diagnostic("D108", exc.message, self._loc(key), str(value), exc.hint))
                self._document_number = "Số: …"
        return self._document_number

    def _wrong_number_part(self) -> str:
        """Return the key whose value alone makes the số/ký hiệu line impossible."""
        report = self.report
        trials = (
            ("so", lambda: format_document_number(report.he_thong, report.so, "BC", "UBND")),
            ("viet_tat", lambda: format_document_number(report.he_thong, None, "BC", report.viet_tat)),
        )
        for key, trial in trials:
            try:
                trial()
            except VietnameseValueError:
                return key
        return "loai_van_ban"

    def _attached_line(self) -> str:
        """Return `(Kèm theo Báo cáo số 05/BC-UBND ngày … của …)`, keeping blanks for the văn thư."""
        report = self.report
        number = self.document_number()
        number = number.removeprefix("Số:").removeprefix("Số")
        number = number.removeprefix(" ") if report.so is not None else number
        date_text = format_date_words(report.ngay.ngay, report.ngay.thang, report.ngay.nam)
        kind = report.ten_loai[:1].upper() + report.ten_loai[1:].lower()
        separator = " " if report.so is not None else ""
        return f"(Kèm theo {kind} số{separator}{number} {date_text} của {report.ten_goi or report.viet_tat})"

    # -- frame values ----------------------------------------------------------------------------
    def recipients(self) -> list[dict[str, Any]]:
        report = self.report
        mark = ";" if report.he_thong == "nha_nuoc" else ","
        groups: list[tuple[str | None, list[str]]] = []
        loose: list[str] = []
        for item in report.noi_nhan:
            if isinstance(item, str):
                loose.append(item)
            else:
                if loose:
                    groups.append((None, loose))
                    loose = []
                groups.append((item.nhom, list(item.danh_sach)))
        if loose or not groups:
            groups.append((None, loose))
        if report.luu:
            keep = f"Lưu: {report.luu}" if report.he_thong == "nha_nuoc" else f"Lưu {report.luu}"
            groups[-1][1].append(keep)
        lines: list[dict[str, Any]] = []
        for title, items in groups:
            if title:
                lines.append({"text": title.rstrip(":") + ":", "nhom": True})
            cleaned = [item.strip().removeprefix("- ").removeprefix("-").strip().rstrip(";,.").strip() for item in items]
            for position, item in enumerate(cleaned):
                end = "." if position == len(cleaned) - 1 else mark
                lines.append({"text": f"- {item}{end}", "nhom": False})
        return lines

    def signature(self) -> list[dict[str, Any]]:
        signer = self.report.nguoi_ky
        state = self.report.he_thong == "nha_nuoc"
        lines = []
        if signer.tham_quyen:
            head = f"{signer.tham_quyen} {upper(signer.thay_mat)}" if signer.thay_mat else signer.tham_quyen
            lines.append({"text": head, "dam": True})
        if signer.ky_thay:
            mark = "KT." if state else "K/T"
            lines.append({"text": f"{mark} {upper(signer.ky_thay)}", "dam": True})
        for line in signer.chuc_vu:
            joining_word = line == line.lower()
            lines.append({"text": line if joining_word else upper(line), "dam": state and not joining_word})
        return lines

    def frame_values(self, trich_yeu: list[Inline], spec: FrameSpec) -> dict[str, Any]:
        report = self.report
        issuer = [upper(line) for line in report.co_quan_ban_hanh]
        number = self.document_number()
        place_date = format_place_date(report.dia_danh, report.ngay.ngay, report.ngay.thang, report.ngay.nam)
        left, right = self._header_columns(spec, issuer, number, place_date)
        widest = max((spec.issuer.width(line) for line in issuer), default=0)
        rule = min(left, max(min(widest, left) * 2 // 5, 600))
        motto, motto_style = spec.right_lines[-1] if spec.right_lines else ("", spec.issuer)
        motto_rule = min(right, motto_style.width(motto))
        summary_width = min(spec.summary.width(plain_text(trich_yeu)), spec.text_width)
        summary_rule = max(summary_width // 3, 1200)
        return {
            "cot_trai": str(left),
            "cot_phai": str(right),
            "chu_quan": [upper(line) for line in report.co_quan_chu_quan],
            "ban_hanh": issuer,
            "le_gach_ban_hanh": str((left - rule) // 2),
            "le_gach_quoc_hieu": str((right - motto_rule) // 2),
            "le_gach_trich_yeu": str((spec.text_width - summary_rule) // 2),
            "so_ky_hieu": number,
            "dia_danh_ngay": place_date,
            "ten_loai": upper(report.ten_loai),
            "noi_nhan": self.recipients(),
            "ky": self.signature(),
            "ho_ten": report.nguoi_ky.ho_ten,
        }

    def _header_columns(self, spec: FrameSpec, issuer: list[str], number: str, place_date: str) -> tuple[int, int]:
        """Return the widths of the header's two columns, warning about any line that must wrap.

        Both sides are measured: a fixed 40/60 split wrapped `Nghĩa Hành, ngày … năm 2021` in the Party
        header while `validate` said nothing. When every line fits, see `split_header`. When not, the
        right column keeps its lines whole (the date line and the Quốc hiệu cannot be reworded, and a
        date split over two lines reads badly) and the left column's long cơ quan lines wrap, with a
        warning: the clerk can break a name into lines where the meaning allows.
        """
        left_lines = [(upper(line), spec.upper, "co_quan_chu_quan") for line in self.report.co_quan_chu_quan]
        left_lines += [(line, spec.issuer, "co_quan_ban_hanh") for line in issuer]
        right_lines = [*spec.right_lines, (place_date, spec.date)]
        left_need = max(style.width(line) for line, style, _ in left_lines)
        left_need = max(left_need, spec.number.width(number))
        right_need = max(style.width(line) for line, style in right_lines)
        # What the left column can never do without: the số line and the longest word of each line.
        left_floor = max(
            [spec.number.width(number)] + [style.width(word) for line, style, _ in left_lines for word in line.split()]
        )
        total = spec.text_width
        left = split_header(left_need, right_need, left_floor, total)
        right = total - left
        for line, style, key in left_lines:
            if not fits(style.width(line), left):
                self.diagnostics.append(
                    Diagnostic(
                        "D125",
                        "dòng tên cơ quan dài hơn cột đầu văn bản nên sẽ tự xuống dòng giữa chừng.",
                        self._loc(key),
                        line,
                        "viết tên cơ quan thành danh sách nhiều dòng, ngắt ở chỗ hợp nghĩa",
                        severity=Severity.WARNING,
                    )
                )
        if not fits(spec.date.width(place_date), right):
            self.diagnostics.append(
                Diagnostic(
                    "D125",
                    "dòng địa danh, ngày tháng dài hơn cột phải của đầu văn bản nên sẽ xuống dòng.",
                    self._loc("dia_danh"),
                    place_date,
                    "viết địa danh ngắn gọn như tên gọi chính thức của nơi cơ quan đóng trụ sở, "
                    "hoặc viết tên cơ quan thành nhiều dòng để cột trái hẹp lại",
                    severity=Severity.WARNING,
                )
            )
        return left, right

    def unused_notes(self) -> None:
        for note_id in self.report.chu_thich:
            if note_id not in self.used_notes:
                self.diagnostics.append(
                    Diagnostic(
                        "D121",
                        f"chú thích «{note_id}» không được dẫn ở đâu trong văn bản.",
                        self._loc("chu_thich", note_id),
                        severity=Severity.WARNING,
                        hint=f"đặt [^{note_id}] vào chỗ cần chú thích, hoặc xóa chú thích này",
                    )
                )


def compute(
    report: BaoCao, origin: Any = None, figures: dict[str, Any] | None = None, frame: FrameSpec | None = None
) -> tuple[Plan, list[Diagnostic]]:
    """Return the render plan of a validated report; `origin` is the loaded tree, for locations;
    `figures` are the report's figures with the kind's totals (default: the figures as typed);
    `frame` the measurements of the template it will be rendered into (default: the built-in one)."""
    computer = _Computer(report, origin, figures)
    trich_yeu = computer.inline(report.trich_yeu, "trich_yeu")
    # Reading order matters: footnotes are numbered as they are met.
    slots = {"mo_dau": computer.opening(), "noi_dung": computer.body(), "ket_thuc": computer.closing()}
    if not slots["ket_thuc"] and slots["noi_dung"] and isinstance(slots["noi_dung"][-1], Paragraph):
        # No closing words: the last paragraph of the body goes with the signature instead.
        slots["noi_dung"][-1].keep_next = True
    appendix_blocks, final_orientation, sections = computer.appendices()
    slots["phu_luc"] = appendix_blocks
    computer.unused_notes()
    plan = Plan(
        system=report.he_thong,
        values=computer.frame_values(trich_yeu, frame or frame_of_file(template_path(report.he_thong), report.he_thong)),
        title=plain_text(trich_yeu),
        slots=slots,
        trich_yeu=trich_yeu,
        footnotes=computer.footnotes,
        final_orientation=final_orientation,
        final_restart=bool(report.phu_luc),
        section_count=sections,
        diagnostics=computer.diagnostics,
    )
    return plan, computer.diagnostics
