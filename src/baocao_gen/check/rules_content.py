"""Content rules on the document's text: cited documents and hand-typed lists (issue 11, point 2).

These need no data file: they are the integrity checks render runs on the clerk's YAML (issue 10),
run here on the words of a .docx. `integrity/` reads located strings (`YStr`) from a loaded tree, so
this module is a thin adapter: each paragraph (and each footnote) becomes a `YStr` whose location's
line is the paragraph number, table cells become rows of a table (`dong`), and the findings of
integrity are turned back into findings at that paragraph. Nothing of integrity is copied here.

Render does not run these rules on its own output (`AuditScope.content_rules`): integrity has said
all of it already, at the line of the data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..citations import Citation, load_registry
from ..codes import Code
from ..diagnostics import Diagnostic, Location
from ..integrity.documents import check_documents, find_mentions
from ..integrity.numbering import Lead, MarkerSequence, find_lead
from ..loader import YList, YMap, YStr
from ..ooxml.reader import DocxDocument, Paragraph
from ..vietnamese import format_date_short
from .components import Components
from .findings import Finding
from .profiles import Profile

__all__ = ["RULES"]

_CITED_RULE = (
    "NĐ 30 PL I phần I mục II.6 (nội dung: văn bản được dẫn phải đúng số, ký hiệu, ngày); FORMAT.md §1.2"
)
_LIST_RULE = "NĐ 30 PL I phần I mục II.6.đ; FORMAT.md §1.2 (Heading numbering)"
_FOOTNOTES = 0  # the "paragraph" of a footnote's text: footnotes are reported for the whole document
_CONFLICTS = {
    Code.CITATION_CONFLICT: Code.CHECK_CITED_CONFLICT,
    Code.REPEATED_DOCUMENT_ROW: Code.CHECK_CITED_CONFLICT,
}


def _text(paragraph: Paragraph) -> YStr:
    """The paragraph's words as a located string: its location's line is the paragraph number."""
    return YStr(paragraph.run_text, Location("", paragraph.index, 1))


def _read(doc: DocxDocument, parts: Components) -> Iterator[tuple[tuple[str | int, ...], YStr]]:
    """Every text after the header, with a path integrity understands (table cells as rows of `dong`)."""
    for paragraph in doc.paragraphs:
        if paragraph.index <= parts.header_end or not paragraph.run_text.strip():
            continue
        if paragraph.table is not None and paragraph.row is not None and paragraph.cell is not None:
            cell = f"{paragraph.cell}-{paragraph.index}"  # one key per paragraph of a cell
            yield ("bang", paragraph.table, "dong", paragraph.row - 1, cell), _text(paragraph)
        else:
            yield ("van_ban", paragraph.index), _text(paragraph)
    for note in doc.footnotes.values():
        if note.text:
            yield ("chu_thich", note.id), YStr(note.text, Location("", _FOOTNOTES, 1))


def _tree(texts: list[tuple[tuple[str | int, ...], YStr]]) -> YMap:
    """The texts as the loaded tree `check_documents` walks: one mapping per path, in reading order."""
    root = YMap(Location(""))
    for path, text in texts:
        node: YMap = root
        for part in path[:-1]:
            child = node.get(str(part))
            if not isinstance(child, YMap):
                child = YMap(Location(""))
                node[str(part)] = child
            node = child
        node[str(path[-1])] = text
    return _with_rows(root)


def _with_rows(node: YMap) -> YMap:
    """Turn `dong` mappings keyed by row number into lists, as a table's rows are in a data file."""
    for key, child in list(node.items()):
        if isinstance(child, YMap):
            if key == "dong":
                rows = YList(Location(""))
                for index in range(max(int(k) for k in child) + 1):
                    row = child.get(str(index))
                    rows.append(_with_rows(row) if isinstance(row, YMap) else YMap(Location("")))
                node[key] = rows
            else:
                node[key] = _with_rows(child)
    return node


def _at(where: Location | None) -> int | None:
    return where.line if where is not None and where.line > 0 else None


def _registry_dates(
    texts: list[tuple[tuple[str | int, ...], YStr]], registry: Mapping[str, Citation]
) -> list[Finding]:
    """A well-known document (in `data/trich-dan.yaml`) cited with another date than its own."""
    by_symbol = {re.sub(r"\s+", "", c.so).upper(): c for c in registry.values() if c.ngay is not None}
    out: list[Finding] = []
    for _path, text in texts:
        for mention in find_mentions(text):
            entry = by_symbol.get(mention.key)
            if entry is None or entry.ngay is None or mention.day is None or mention.day == entry.ngay:
                continue
            out.append(
                Finding(
                    Code.CHECK_CITED_REGISTRY,
                    f"{mention.loai} số {mention.symbol} ban hành ngày {format_date_short(entry.ngay)}, "
                    f"không phải {format_date_short(mention.day)}",
                    _CITED_RULE,
                    f"sửa thành «ngày {format_date_short(entry.ngay)}» (theo danh mục văn bản data/trich-dan.yaml)",
                    paragraph=_at(mention.date_where or mention.where),
                    text=str(text),
                )
            )
    return out


def _finding(diagnostic: Diagnostic, code: Code, texts: dict[int, str]) -> Finding:
    paragraph = _at(diagnostic.location)
    message = diagnostic.message.rstrip(".")
    # integrity names a second place as «dòng N, cột M»: here a line is a paragraph
    message = re.sub(r"dòng (\d+), cột \d+", r"đoạn \1", message)
    return Finding(
        code,
        message,
        _CITED_RULE,
        diagnostic.hint,
        paragraph=paragraph,
        text=texts.get(paragraph or 0),
    )


def _cited_documents(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """Cited documents against the registry and against each other (integrity's `check_documents`)."""
    texts = list(_read(doc, parts))
    if not texts:
        return []
    registry = load_registry()
    by_paragraph = {text.loc.line: str(text) for _path, text in texts}
    out = _registry_dates(texts, registry)
    for diagnostic in check_documents(_tree(texts), registry, {}):
        if diagnostic.code is Code.CITATION_NEAR_MISS:
            out.append(_finding(diagnostic, Code.CHECK_CITED_REGISTRY, by_paragraph))
        elif diagnostic.code in _CONFLICTS:
            out.append(_finding(diagnostic, _CONFLICTS[diagnostic.code], by_paragraph))
    return out


_PROSE_STYLES = frozenset({"so", "so_phu", "chu"})


def _typed_lists(doc: DocxDocument, parts: Components, profile: Profile | None) -> list[Finding]:
    """Hand-typed lists the heading rule does not read: lines inside one paragraph, and «Một là, Hai là».

    A paragraph of its own that starts with «1.» or «a)» is a heading or point for K513/K514; what is
    left is a list typed on the lines of one paragraph (Shift+Enter in Word) and the counted leads
    «Một là,» «Hai là,» that run across paragraphs. integrity's `find_lead` and `MarkerSequence` judge both.
    """
    out: list[Finding] = []
    counted = MarkerSequence()
    for paragraph in parts.body:
        if paragraph.index in parts.typed_prose:
            continue
        text = paragraph.run_text
        lead = find_lead(text, len(text) - len(text.lstrip()), frozenset({"la"}))
        if lead is not None:
            out += _list_finding(paragraph, lead, counted.feed(lead))
        lines = text.split("\n")
        if len(lines) < 2:
            continue
        sequence = MarkerSequence()
        offset = len(lines[0]) + 1
        for line in lines[1:]:
            start = offset + len(line) - len(line.lstrip())
            offset += len(line) + 1
            inner = find_lead(text, start, _PROSE_STYLES)
            if inner is not None:
                out += _list_finding(paragraph, inner, sequence.feed(inner))
    return out


def _list_finding(paragraph: Paragraph, lead: Lead, problem: str | None) -> list[Finding]:
    if problem is None:
        return []
    return [
        Finding(
            Code.CHECK_TYPED_LIST,
            f"danh sách gõ số tay: {problem}",
            _LIST_RULE,
            "đánh lại số thứ tự cho liền mạch, hoặc dùng đánh số tự động của Word",
            paragraph=paragraph.index,
            text=paragraph.text[lead.start :] if lead.start else paragraph.text,
        )
    ]


RULES = (_cited_documents, _typed_lists)
