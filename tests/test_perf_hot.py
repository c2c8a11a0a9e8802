"""The faster hot paths give the answers of the straightforward code they replaced (issue 13).

Each optimisation of the reader, the table layout, the loader and the integrity checks is compared
here with the plain version on many inputs (the examples, their outputs, generated ones), and each
remembered answer is shown to change when its input does. No test times anything.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from baocao_gen import legacy, loader, table_layout
from baocao_gen.codes import Code
from baocao_gen.integrity import documents
from baocao_gen.integrity.texts import _walk, typed_texts
from baocao_gen.limits import MAX_DEPTH
from baocao_gen.ooxml import reader
from baocao_gen.ooxml.formatting import element_key, first_child, grandchild, leading_child
from baocao_gen.ooxml.text import document_text
from baocao_gen.ooxml.units import points, share, step_down
from baocao_gen.pipeline import build
from conftest import EXAMPLE_FILES, EXAMPLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def outputs() -> list[bytes]:
    """The .docx of every example, as `render` writes it."""
    out = []
    for path in EXAMPLE_FILES[:3]:
        result = build(path)
        assert result.data is not None, [d.format() for d in result.diagnostics]
        out.append(result.data)
    return out


# --- reader -----------------------------------------------------------------------------------------

_TAGS = ("pStyle", "jc", "ind", "spacing", "b", "i", "sz", "pBdr", "bottom", "rFonts")


@st.composite
def _elements(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    element = etree.Element(f"{{{W}}}{draw(st.sampled_from(_TAGS))}", nsmap={"w": W})
    for name in draw(st.lists(st.sampled_from(("val", "left", "after", "ascii")), max_size=2, unique=True)):
        element.set(f"{{{W}}}{name}", draw(st.sampled_from(("0", "1", "240", "center", "Times"))))
    if depth < 2:
        for child in draw(st.lists(_elements(depth + 1), max_size=3)):
            element.append(child)
    return element


@SETTINGS
@given(_elements(), _elements())
def test_element_key_is_equal_exactly_when_the_serialised_elements_are(a, b) -> None:
    assert (element_key(a) == element_key(b)) == (etree.tostring(a) == etree.tostring(b))


def test_element_key_tells_nesting_apart() -> None:
    flat = etree.fromstring(f'<w:pPr xmlns:w="{W}"><w:pBdr/><w:bottom w:val="single"/></w:pPr>')
    nested = etree.fromstring(f'<w:pPr xmlns:w="{W}"><w:pBdr><w:bottom w:val="single"/></w:pBdr></w:pPr>')
    assert element_key(flat) != element_key(nested)


@SETTINGS
@given(_elements(), st.sampled_from(_TAGS), st.sampled_from(_TAGS))
def test_first_leading_and_grandchild_are_find(element, tag, middle) -> None:
    name, child = f"{{{W}}}{tag}", f"{{{W}}}{middle}"
    assert first_child(element, name) is element.find(name)
    assert leading_child(element, name) is element.find(name)
    assert grandchild(element, child, name) is element.find(f"{child}/{name}")


def test_reader_answers_as_before_its_shortcuts(outputs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every paragraph walked for fields, text boxes and drawings, and formats keyed by their bytes."""
    from test_reader import p, package

    field = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
    box = f"<w:r><w:pict><w:txbxContent>{p('trong hộp')}</w:txbxContent></w:pict></w:r>"
    typed = package(
        p("một", "<w:jc w:val='center'/>", "<w:b/>")
        + f"<w:p>{field}<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        + f"<w:p>{box}</w:p>"
        + p("hai", "<w:jc w:val='center'/>", "<w:i/>")
    )
    fast = [reader.read_docx(data) for data in [*outputs, typed]]
    with monkeypatch.context() as patch:
        patch.setattr(reader, "_RARE", (f"{{{W}}}p",))  # every paragraph is walked
        patch.setattr(reader, "element_key", lambda element: etree.tostring(element, with_tail=False))
        plain = [reader.read_docx(data) for data in [*outputs, typed]]
    assert fast == plain
    assert [(x.fields, x.has_drawing, x.in_text_box) for x in fast[-1].paragraphs] == [
        ((), False, False),
        (("PAGE",), False, False),
        ((), True, False),
        ((), False, True),
        ((), False, False),
    ]


def test_document_text_remembers_by_bytes_and_tells_packages_apart(outputs) -> None:
    first, second = outputs[0], outputs[1]
    assert document_text(first) != document_text(second)
    assert document_text(bytes(first)) == document_text.__wrapped__(first)  # type: ignore[attr-defined]
    assert document_text(second) == document_text.__wrapped__(second)  # type: ignore[attr-defined]


# --- table layout -----------------------------------------------------------------------------------


def _column_needs_in_fractions(measured, header_count, numeric, columns, size, strict) -> list[Fraction]:
    """The layout's column needs as first written: `Fraction` points throughout."""
    needs = [table_layout.CELL_PADDING] * columns
    for cell in measured:
        whole = (
            cell.row >= header_count
            and cell.span == 1
            and (numeric[cell.column] or (strict and cell.length <= table_layout.SHORT_VALUE))
        )
        need = table_layout.width_at(cell.line if whole else cell.word, size) + table_layout.CELL_PADDING
        have = sum(needs[cell.column : cell.column + cell.span])
        if need > have:
            for offset, extra in enumerate(share(need - have, cell.span)):
                needs[cell.column + offset] += extra
    return needs


@st.composite
def _measured_tables(draw: st.DrawFn) -> tuple[list, int, list[bool], int]:
    columns = draw(st.integers(1, 6))
    cells = []
    for row in range(draw(st.integers(1, 6))):
        column = 0
        while column < columns:
            span = draw(st.integers(1, columns - column))
            word = draw(st.integers(0, 20_000))
            cells.append(
                table_layout._Measured(
                    row, column, span, word, word + draw(st.integers(0, 50_000)), draw(st.integers(0, 60))
                )
            )
            column += span
    cells.sort(key=lambda cell: cell.span)
    return (
        cells,
        draw(st.integers(0, 2)),
        draw(st.lists(st.booleans(), min_size=columns, max_size=columns)),
        columns,
    )


@SETTINGS
@given(_measured_tables(), st.sampled_from((12, 11.5, 11, 10)), st.booleans())
def test_column_needs_in_twips_are_the_fraction_ones(table, size, strict) -> None:
    measured, header_count, numeric, columns = table
    expected = _column_needs_in_fractions(measured, header_count, numeric, columns, size, strict)
    assert table_layout.column_needs(measured, header_count, numeric, columns, size, strict) == expected


def _share_out_as_written(needs, weights, available) -> list[Fraction]:
    fixed = {i for i, weight in enumerate(weights) if weight <= 0}
    while True:
        free = [i for i in range(len(needs)) if i not in fixed]
        if not free:
            break
        pool = available - sum(needs[i] for i in fixed)
        total = sum(weights[i] for i in free)
        short = [i for i in free if pool * weights[i] / total < needs[i]]
        if not short:
            break
        fixed.update(short)
    widths = list(needs)
    if free:
        pool = available - sum(needs[i] for i in fixed)
        total = sum(weights[i] for i in free)
        for i in free:
            widths[i] = step_down(pool * weights[i] / total)
    return widths


@SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(160, 4000), st.fractions(0, 10, max_denominator=10)), min_size=1, max_size=8
    ),
    st.integers(2000, 16000),
)
def test_share_out_multiplied_out_is_the_division(columns, available) -> None:
    needs = [points(need) for need, _ in columns]
    weights = [weight for _, weight in columns]
    room = points(available)
    assert table_layout.share_out(needs, weights, room) == _share_out_as_written(needs, weights, room)


# --- loader -----------------------------------------------------------------------------------------


def _flat(tree: object) -> object:
    if isinstance(tree, loader.YMap):
        return ("M", tree.loc, tuple((key, tree.key_locs[key], _flat(value)) for key, value in tree.items()))
    if isinstance(tree, loader.YList):
        return ("L", tree.loc, tuple(_flat(value) for value in tree))
    if isinstance(tree, loader.YStr):
        return ("S", str(tree), tree.loc, tree.is_null, tree.style, tree.span, tree.source)
    return tree


def _read(text: str, monkeypatch: pytest.MonkeyPatch, c_composer: bool) -> tuple[object, list[str]]:
    with monkeypatch.context() as patch:
        if not c_composer:
            patch.setattr(loader, "_c_node", lambda text: (False, None))
        tree, problems = loader.load_text(text, "bc.yaml")
    return _flat(tree), [problem.format() for problem in problems]


_PROPERTIES = ("&a ", "!x ", "! ", "!!int ", "*a ", "&b [1, *b] ", "[", "{k: ", "- ", '"', "? ")


@pytest.mark.skipif(loader._CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", [*EXAMPLE_FILES, EXAMPLES / "pho-hoa" / "don-vi.yaml"], ids=lambda p: p.stem)
def test_the_c_composer_reads_as_the_guarded_one(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples, and each with anchors, tags, aliases or brackets put in front of values."""
    import random

    text = path.read_text(encoding="utf-8")
    rng = random.Random(path.name)
    lines = text.split("\n")
    texts = [text]
    for _ in range(30):
        changed = list(lines)
        index = rng.randrange(len(changed))
        changed[index] = re.sub(
            r"(:\s|^\s*-\s)", lambda m: m.group(0) + rng.choice(_PROPERTIES), changed[index], count=1
        )
        texts.append("\n".join(changed))
    composed_in_c = 0
    for variant in texts:
        composed_in_c += loader._c_node(variant)[0]
        assert _read(variant, monkeypatch, True) == _read(variant, monkeypatch, False)
    assert composed_in_c > 0


@pytest.mark.parametrize(
    "text",
    [
        "k: &a v\n",
        "k: !t v\n",
        "k: ! v\n",
        "&a k: v\n",
        "--- &a\nk: v\n",
        "k:\n- &a\n  x: 1\nj: *a\n",
        "k: [&a 1, *a]\n",
    ],
)
def test_anchors_tags_and_aliases_are_left_to_the_guarded_composer(text: str) -> None:
    assert loader._c_node(text) == (False, None)
    _, problems = loader.load_text(text, "bc.yaml")
    assert {problem.code for problem in problems} & {Code.YAML_ALIAS, Code.YAML_TAG}


@pytest.mark.parametrize(
    "text",
    [
        "k:\n" + (" [" + "[" * 49 + "\n") * 2_000 + (" ]" + "]" * 49 + "\n") * 2_000,
        "".join(" " * i + f"k{i}:\n" for i in range(2_000)) + " " * 2_000 + "v\n",
        "- " * 5_000 + "x\n",
        "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 2)) + " " * (MAX_DEPTH + 2) + "v\n",
    ],
    ids=["flow", "block", "compact", "just-over"],
)
def test_a_deep_file_is_refused_without_reaching_the_c_composer(text: str, monkeypatch) -> None:
    composed: list[str] = []
    original = loader._CComposer

    class Watched(original):  # type: ignore[misc, valid-type]
        def get_single_node(self):  # noqa: ANN202
            composed.append("c")
            return super().get_single_node()

    monkeypatch.setattr(loader, "_CComposer", Watched)
    tree, problems = loader.load_text(text, "bc.yaml")
    assert tree is None
    assert problems
    assert [problem.code for problem in problems] == [Code.OVER_LIMIT]
    assert "quá sâu" in problems[0].message
    if loader._nesting_bound(text) > loader._C_SAFE_NESTING:
        assert not composed
    else:  # composed in C, found too deep on the tree, read again by the guarded composer
        assert composed
    monkeypatch.setattr(loader, "_c_node", lambda text: (False, None))
    assert loader.load_text(text, "bc.yaml")[1] == problems


def test_nesting_bound_is_never_below_the_real_depth() -> None:
    texts = [
        "a:\n  b:\n    - - [1, {c: [2]}]\n",
        "- - - - x\n",
        "? - a\n  - b\n: v\n",
        "k:\n- a:\n  - b: c\n",
        "? x\n: - - - y\n",  # a compact list after the `:` of an explicit key
        "a:\r  b:\r    - c: 1\r",  # lines broken by a lone carriage return
    ]
    for text in texts:
        ok, root = loader._c_node(text)
        assert ok

        def depth(node) -> int:  # noqa: ANN001
            if isinstance(node.value, list):
                children = [n for item in node.value for n in (item if isinstance(item, tuple) else (item,))]
                return 1 + max((depth(child) for child in children), default=0)
            return 0

        assert depth(root) <= loader._nesting_bound(text)


# --- legacy detection -------------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãầấậẩẫưừứựửữ AĂĐÊÔƠƯ09_7·¸µ¶§−©«¬®ñöôõùøûïâáàåãäêéèúüë.,:-/\n"


@SETTINGS
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_words_are_the_words_of_the_single_pattern(text: str) -> None:
    assert legacy._words(text) == set(legacy._WORD_RE.findall(text))


def test_words_of_the_examples_are_the_words_of_the_single_pattern() -> None:
    for path in EXAMPLES.glob("*/*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert legacy._words(text) == set(legacy._WORD_RE.findall(text))


# --- integrity --------------------------------------------------------------------------------------


def _walk_recursively(node, path):  # noqa: ANN001, ANN202
    if isinstance(node, loader.YStr):
        if not node.is_null and node.strip():
            yield path, node
    elif isinstance(node, loader.YMap):
        for key, child in node.items():
            yield from _walk_recursively(child, (*path, str(key)))
    elif isinstance(node, loader.YList):
        for index, child in enumerate(node):
            yield from _walk_recursively(child, (*path, index))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_typed_texts_come_in_the_order_of_the_recursive_walk(path: Path) -> None:
    tree, _ = loader.load_data(path)
    walked = [(p, id(t)) for p, t in _walk(tree, ())]
    assert walked == [(p, id(t)) for p, t in _walk_recursively(tree, ())]
    assert len(list(typed_texts(tree))) == len(walked) > 10


_TYPED = "Kế hoạch số 47/KH-UBND ngày 10 / 3/2023 , Nghị quyết 25-NQ/TW và và tháng 5 năm 2024 ;.\t"


@SETTINGS
@given(st.text(alphabet=st.sampled_from(sorted(set(_TYPED))), max_size=80))
def test_what_the_quick_tests_skip_the_patterns_could_not_match(text: str) -> None:
    if documents._MENTION.search(text):
        assert documents._DIGIT.search(text)
    if documents._ANY_DATE.search(text):
        assert "/" in text
    if documents._SPACE_BEFORE_MARK.search(text):
        assert documents._MAY_SPACE_BEFORE_MARK.search(text)


def _detect_as_written(text: str) -> str | None:
    """`detect_legacy_encoding` as first written: every word of the text found by the one pattern."""
    import unicodedata

    if text.isascii():
        return None
    text = unicodedata.normalize("NFC", text)
    if legacy._GLYPH_RE.search(text) is None:
        return None
    words = {word for word in legacy._WORD_RE.findall(text) if legacy._GLYPH_RE.search(word)}
    scores = {kind: legacy._signals(words, kind) for kind in ("TCVN3", "VNI")}
    best = "TCVN3" if scores["TCVN3"] > scores["VNI"] else "VNI"
    return best if scores[best] >= legacy.MIN_SIGNALS else None


_LEGACY_WORDS = ("ChÊp", "hµnh", "−¬ng", "§¶ng", "Chaáp", "haønh", "öông", "Ñaûng", "tù", "hoà", "où", "µm")


@SETTINGS
@given(st.lists(st.sampled_from((*_LEGACY_WORDS, "Ban", "Trung", "của", " ", "\n", "-", "2023", "_"))))
def test_legacy_detection_finds_what_the_word_by_word_version_finds(parts: list[str]) -> None:
    text = " ".join(parts)
    assert legacy.detect_legacy_encoding(text) == _detect_as_written(text)


@pytest.mark.parametrize("words", [(), ("ChÊp", "hµnh"), ("Chaáp", "haønh", "öông"), ("ChÊp",), ("§¶ng",)])
def test_the_file_wide_legacy_check_flags_the_values_the_value_by_value_one_does(
    words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Legacy words spread over several values, or together in one: the same values are flagged."""
    base = (EXAMPLES / "pho-hoa" / "tong-ket-nq25-2023.yaml").read_text(encoding="utf-8")
    texts = [base, base.replace("Ban Chấp hành", "Ban " + " ".join(words))]
    texts += [base.replace("Đảng", word, 1) for word in words]
    texts.append(
        base.replace("ky:", f"ghi_1: {words[0] if words else 'x'}\nghi_2: {' '.join(words)}\nky:", 1)
    )
    for text in texts:
        fast = loader.load_text(text, "bc.yaml")
        with monkeypatch.context() as patch:
            patch.setattr(loader._Builder, "build_tree", lambda self, root: self.build(root, ()))
            plain = loader.load_text(text, "bc.yaml")
        assert (_flat(fast[0]), [p.format() for p in fast[1]]) == (
            _flat(plain[0]),
            [p.format() for p in plain[1]],
        )
    flagged = loader.load_text(texts[1], "bc.yaml")[1]
    assert any(p.code == Code.LEGACY_ENCODING for p in flagged) == (
        _detect_as_written(" ".join(words)) is not None
    )
