"""Prose markup: paragraphs, bullets, emphasis, computed numbering, references — parsed, never executed."""

from __future__ import annotations

from baocao_gen.diagnostics import Location
from baocao_gen.document import LineBreak, NoteRef, PageBreak, Paragraph, Run
from baocao_gen.markup import MarkupContext, parse_blocks, parse_inline, smart_quotes


def context(figures=None, notes=None):
    figures = figures or {"ho_so.tong": "1.836"}
    cites = {"nq25": "Nghị quyết số 25-NQ/TW ngày 03/6/2013"}
    used: list[str] = []

    def footnote(name, where):
        if notes is not None and name in notes:
            used.append(name)
            return len(used)
        return None

    return MarkupContext(figures.get, cites.get, footnote)


def texts(blocks):
    return [
        "".join(i.text for i in b.inlines if isinstance(i, Run)) for b in blocks if isinstance(b, Paragraph)
    ]


def test_each_line_is_a_paragraph_and_blank_lines_are_ignored():
    blocks = parse_blocks("Đoạn một.\n\nĐoạn hai.\nĐoạn ba.\n", context())
    assert texts(blocks) == ["Đoạn một.", "Đoạn hai.", "Đoạn ba."]


def test_bullets_keep_their_dash_and_plus():
    assert texts(parse_blocks("- ý một;\n+ ý nhỏ.", context())) == ["- ý một;", "+ ý nhỏ."]


def test_numbered_lettered_and_enumerated_paragraphs_are_computed_and_restart_per_block():
    first = parse_blocks("#. A\n#. B\nđoạn xen\n#. C", context())
    assert texts(first) == ["1. A", "2. B", "đoạn xen", "3. C"]
    again = parse_blocks("#. D", context())
    assert texts(again) == ["1. D"]  # a new list in each block restarts
    letters = parse_blocks("\n".join(f"#) m{i}" for i in range(1, 8)), context())
    assert [t.split(")")[0] for t in texts(letters)] == ["a", "b", "c", "d", "đ", "e", "g"]  # never f
    lead = parse_blocks("#là điều một.\n#là điều hai.", context())
    assert texts(lead) == ["Một là, điều một.", "Hai là, điều hai."]
    assert lead[0].inlines[0].italic is True


def test_more_than_23_letters_is_a_diagnostic():
    ctx = context()
    parse_blocks("\n".join("#) x" for _ in range(24)), ctx, Location("a.yaml", 10, 3))
    assert [(d.code, d.location.line) for d in ctx.diagnostics] == [("D124", 33)]


def test_bold_italic_and_nesting():
    inlines = parse_inline("a **đậm *cả hai*** b *nghiêng*", context())
    assert [(i.text, i.bold, i.italic) for i in inlines] == [
        ("a ", False, False),
        ("đậm ", True, False),
        ("cả hai", True, True),
        (" b ", False, False),
        ("nghiêng", False, True),
    ]


def test_unclosed_marker_is_reported_at_its_column():
    ctx = context()
    parse_inline("chữ *nghiêng", ctx, Location("a.yaml", 4, 5))
    [diag] = ctx.diagnostics
    assert (diag.code, diag.location.line, diag.location.column) == ("D122", 4, 9)


def test_straight_quotes_become_vietnamese_quotes_when_paired():
    assert smart_quotes('về "Dân vận khéo"') == "về “Dân vận khéo”"
    assert smart_quotes('một dấu " lẻ') == 'một dấu " lẻ'


def test_figures_citations_and_escapes():
    inlines = parse_inline("Tổng {ho_so.tong} hồ sơ theo [[nq25]]; \\{giữ nguyên\\} \\*sao", context())
    assert (
        "".join(i.text for i in inlines)
        == "Tổng 1.836 hồ sơ theo Nghị quyết số 25-NQ/TW ngày 03/6/2013; {giữ nguyên} *sao"
    )


def test_unknown_figure_and_citation_are_reported_and_left_visible():
    ctx = context()
    inlines = parse_inline("{khong_co} và [[nq99]]", ctx, Location("a.yaml", 1, 1))
    assert "".join(i.text for i in inlines) == "{khong_co} và [[nq99]]"
    assert [d.code for d in ctx.diagnostics] == ["D121", "D121"]


def test_template_syntax_in_user_text_is_plain_text():
    inlines = parse_inline("{{ x }} {% if %} <w:p> & ", context())
    assert "".join(i.text for i in inlines) == "{{ x }} {% if %} <w:p> & "


def test_footnote_reference_line_break_and_page_break():
    blocks = parse_blocks("Có chú thích[^a] ở đây\\\ndòng sau\n[ngắt trang]\nTrang mới", context(notes={"a"}))
    first = blocks[0]
    assert any(isinstance(i, NoteRef) and i.number == 1 for i in first.inlines)
    assert any(isinstance(i, LineBreak) for i in first.inlines)
    assert isinstance(blocks[1], PageBreak)
    assert texts(blocks[2:]) == ["Trang mới"]


def test_title_line_break_and_plain_newline():
    from baocao_gen.markup import parse_title, plain_text

    inlines = parse_title("năm 2024,\\\nphương hướng\nnhiệm vụ năm 2025", context())
    assert isinstance(inlines[1], LineBreak)
    assert plain_text(inlines) == "năm 2024, phương hướng nhiệm vụ năm 2025"


def test_problems_are_located_by_their_offset_in_the_whole_text():
    """Leads, indentation, joined lines and titles keep each character's offset into the typed text."""
    text = "Đoạn đầu.\n  - có {a}\n#. dòng \\\n   nối {b} và *mở\n"
    ctx = context()
    parse_blocks(text, ctx, lambda offset: Location("a.yaml", 0, offset))
    found = {d.value: d.location.column for d in ctx.diagnostics}
    assert found == {"{a}": text.index("{a}"), "{b}": text.index("{b}"), "*mở": text.index("*mở")}
    title = "  Báo cáo {c}\\\nnăm {d}"
    ctx = context()
    from baocao_gen.markup import parse_title

    parse_title(title, ctx, lambda offset: Location("a.yaml", 0, offset))
    assert {d.value: d.location.column for d in ctx.diagnostics} == {
        "{c}": title.index("{c}"),
        "{d}": title.index("{d}"),
    }
