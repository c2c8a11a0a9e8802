"""YAML syntax errors: every problem PyYAML raises is said in Vietnamese, located, and more than one is found.

The command-level checks (exact line:column through `python -m baocao_gen`) are in test_messages.py.
"""

from __future__ import annotations

import re

import pytest
import yaml

from baocao_gen import loader
from baocao_gen.loader import MAX_SYNTAX_ERRORS, load_text
from baocao_gen.yaml_errors import blank_line, explain
from test_messages import assert_vietnamese

# One text for each place PyYAML's scanner, parser and composer raise (a clerk can type them all).
SYNTAX_ERRORS = {
    "colon-in-value": "a: 1\nten: Hội nghị: tổng kết\n",
    "colon-in-quoted-then-more": 'a: "x": y\n',
    "key-under-a-value": "a: 1\n  b: 2\n",
    "missing-space": "a:b\nc: d\n",
    "no-colon": "a: 1\nb\nc: 2\n",
    "tab": "a:\n\tb: 1\n",
    "at-sign": "a: @x\n",
    "backtick": "a: `x`\n",
    "percent": "a: %x\n",
    "unknown-escape": 'a: "D:\\DuLieu"\n',
    "hex-escape": 'a: "x\\x4"\n',
    "unclosed-double": 'a: "abc\nb: 1\n',
    "unclosed-single": "a: 'abc\nb: 1\n",
    "unclosed-before-separator": 'a: "abc\n---\n',
    "misaligned-key": "a:\n  b: 1\n c: 2\n",
    "misaligned-item": "a: 1\n- b\n",
    "key-in-a-list": "a:\n  - x\n  y: 1\n",
    "text-after-quote": 'ten: "Hội nghị" tổng kết\n',
    "document-end": "a: 1\n...\nb: 2\n",
    "flow-then-key": "[a]\nb: 1\n",
    "second-document": "a: 1\n---\nb: 2\n",
    "unclosed-flow-sequence": "a: [1, 2\nb: 3\n",
    "unclosed-flow-mapping": "a: {x: 1, y\nb: 3\n",
    "wrong-closing-bracket": "a: [1, 2}\n",
    "empty-item": "a: [1, , 2]\n",
    "closing-bracket-alone": "a: ]\n",
    "block-indicator-text": "a: |x\n  b\n",
    "block-indicator-zero": "a: |0\n  b\n",
    "block-indicator-comment": "a: |  x\n  b\n",
    "dash-after-key": "a: b - c\nd: - e\n",
    "question-mark": "a: ? b\n",
    "duplicate-directive": "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "incompatible-directive": "%YAML 2.0\n---\na: 1\n",
    "bad-directive": "%YAML x\n---\na: 1\n",
    "tag-handle": "a: !x!y 1\n",
    "unreadable-tag": "ten: !ổn định\n",
    "unreadable-alias": "ghi_chu: * Lưu ý\n",
    "unreadable-anchor": "ten: & đồng chí\n",
    "verbatim-tag": "a: !<x\n",
    "alias": "a: *x\n",
    "duplicate-anchor": "a: &x 1\nb: &x 2\n",
}


@pytest.mark.parametrize("text", SYNTAX_ERRORS.values(), ids=SYNTAX_ERRORS.keys())
def test_every_syntax_error_is_vietnamese_and_located(text):
    tree, problems = load_text(text, "x.yaml")
    assert tree is None and problems
    for problem in problems:
        assert problem.location.line >= 1 and problem.location.column >= 1, problem.format()
        assert "tiếng Anh" not in problem.message, problem.format()  # recognised, not the fallback
        assert problem.hint, problem.format()
        assert_vietnamese(problem.format())


def test_a_text_pyyaml_never_used_still_reads_vietnamese():
    mark = yaml.Mark("x.yaml", 3, 1, 2, "a: 1\nb: 2\n\0", 3)
    error = yaml.scanner.ScannerError("while doing something new", None, "found a new problem", mark)
    diagnostic = explain(error, "x.yaml").diagnostic
    assert diagnostic.message == (
        "sai cú pháp YAML: YAML không đọc được tệp từ chỗ này "
        "(chi tiết bằng tiếng Anh: while doing something new, found a new problem)."
    )
    assert (diagnostic.location.line, diagnostic.location.column) == (2, 3) and diagnostic.hint


def test_blanking_a_line_moves_no_other_character():
    text = "a: 1\r\nb: x: y\n  con: 1\u2028c: 2\rd: 3\n"
    blanked = blank_line(text, 1)
    assert blanked == "a: 1\r\n\n\u2028c: 2\rd: 3\n"
    for number in (0, 3, 4):  # each line PyYAML counts keeps its number and its text
        assert _line(blanked, number) == _line(text, number)


def _line(text: str, number: int) -> str:
    return re.split("\r\n|[\n\r\x85\u2028\u2029]", text)[number]


def test_blanking_takes_the_items_a_key_line_owns():
    assert blank_line("a: 1\nb: x: y\n- c\n- d\ne: 2\n", 1) == "a: 1\n\n\n\ne: 2\n"
    assert blank_line("a: 1\n  - b: x: y\n  - c\n", 1) == "a: 1\n\n  - c\n"  # an item owns no sibling


def test_the_number_of_syntax_errors_reported_is_bounded():
    text = "".join(f"khoa_{n}: gia: tri\n" for n in range(MAX_SYNTAX_ERRORS + 5))
    _, problems = load_text(text, "x.yaml")
    assert [p.location.line for p in problems] == list(range(1, MAX_SYNTAX_ERRORS + 1))


def test_reparsing_a_large_file_is_bounded(monkeypatch):
    calls = []
    real = loader._GuardedLoader

    def counting(text, file):
        calls.append(len(text))
        return real(text, file)

    monkeypatch.setattr(loader, "_GuardedLoader", counting)
    text = "".join(f"khoa_{n}: gia: tri\n" for n in range(8)) + ("# " + "x" * 97 + "\n") * 4_100
    _, problems = load_text(text, "x.yaml")
    assert sum(calls[1:]) <= loader._REPARSE_BUDGET
    assert 1 <= len(problems) < 8  # stopped by the budget, each error still exact
    assert [p.location.column for p in problems] == [len(f"khoa_{n}: gia") + 1 for n in range(len(problems))]
