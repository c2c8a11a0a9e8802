"""libyaml reads a clean file exactly as the pure-Python reader does (issue 13: the C parser).

The loader takes libyaml's events when the text allows it and falls back to the pure-Python reader
for anything else; every value, location, span and source text must be the same either way, and a
text that libyaml would accept but PyYAML refuses (a tab after a value) must still be refused.
"""

from __future__ import annotations

import random

import pytest

from baocao_gen import loader
from conftest import EXAMPLES


def _flat(tree: object) -> object:
    if isinstance(tree, loader.YMap):
        return ("M", tree.loc, tuple((key, tree.key_locs[key], _flat(value)) for key, value in tree.items()))
    if isinstance(tree, loader.YList):
        return ("L", tree.loc, tuple(_flat(value) for value in tree))
    if isinstance(tree, loader.YStr):
        return ("S", str(tree), tree.loc, tree.is_null, tree.style, tree.span, tree.source)
    return tree


def _python_reader(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    with monkeypatch.context() as patch:
        patch.setattr(loader, "_fast_tree", lambda text, file: None)
        tree, problems = loader.load_text(text, "bc.yaml")
    return _flat(tree), [problem.format() for problem in problems]


def _mutants(text: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = text.split("\n")
    out = [text, text.replace("\n", "\r\n")]
    for _ in range(count):
        changed = list(lines)
        index = rng.randrange(len(changed))
        roll = rng.random()
        if roll < 0.3:
            changed[index] += rng.choice([" ", "\t", " # c", ":", ' "', "'"])
        elif roll < 0.5:
            del changed[index]
        elif roll < 0.7:
            changed.insert(index, changed[rng.randrange(len(changed))])
        elif roll < 0.85:
            changed[index] = " " + changed[index]
        else:
            changed[index] = changed[index].replace(":", ": |", 1)
        out.append("\n".join(changed))
    return out


@pytest.mark.skipif(loader._CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    "path", sorted(EXAMPLES.glob("*/*.yaml")), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_libyaml_and_python_reader_give_the_same_tree(path, monkeypatch: pytest.MonkeyPatch) -> None:
    read_by_libyaml = 0
    for text in _mutants(path.read_text(encoding="utf-8"), 25, seed=len(path.name)):
        fast = loader._fast_tree(text, "bc.yaml")
        if fast is None:
            continue
        read_by_libyaml += 1
        assert (_flat(fast[0]), [problem.format() for problem in fast[1]]) == _python_reader(
            text, monkeypatch
        )
    assert read_by_libyaml > 0


def test_a_tab_libyaml_would_accept_is_still_refused() -> None:
    tree, problems = loader.load_text("dia_danh: Ba Tô\t\nluu: VT\n", "bc.yaml")
    assert tree is None
    assert [(problem.location.line, problem.location.column) for problem in problems if problem.location] == [
        (1, 16)
    ]
