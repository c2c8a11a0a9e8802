"""Stage 1, load: YAML text → a tree of located strings.

Why not `yaml.safe_load`: it turns `1.836` into the float 1.836, `05` into 5, `010` into 8, `no` into
False and `1:30` into 90, and forgets where each value was typed. Here every scalar stays a string
(`YStr`) that remembers its file, line and column; numbers and dates are parsed later with Vietnamese
rules, so a mistake can be reported exactly where the clerk typed it.

Also refused here, each as a located diagnostic: duplicate keys (YAML keeps the last one silently),
aliases (an alias bomb expands exponentially), anchors and tags (`&a Báo cáo` prints "Báo cáo" and
`!quan trọng` prints "trọng", silently; `!!int 05` asks for a type this loader would silently ignore),
legacy TCVN3/VNI text, characters XML 1.0 forbids,
UTF-16 files, and input over the limits of `limits.py` (file size before decoding; nesting, value
length and list length before composing), so absurd input fails fast instead of crashing later.
Text is normalised to NFC so that `hoà` typed on macOS (NFD) compares equal to the same word typed on
Windows.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .codes import Code
from .diagnostics import Diagnostic, Location, Severity, os_reason
from .legacy import detect_legacy_encoding, first_legacy_word, legacy_sample_hint
from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_INHERIT_DEPTH, MAX_LIST_ITEMS, MAX_SCALAR_CHARS
from .positions import ValueMap
from .vietnamese import format_number
from .yaml_errors import SyntaxProblem, blank_line, explain, unclosed_quote

# A position in the YAML text: `yaml.error.Mark` from the pure-Python reader, `yaml._yaml.Mark` from
# the C one; both have `line`, `column`, `index` and `buffer`, which is all this module reads.
Mark = Any

__all__ = [
    "INHERIT_KEY",
    "YList",
    "YMap",
    "YStr",
    "line_at",
    "load_data",
    "load_text",
    "location_of",
    "plain",
]

INHERIT_KEY = "ke_thua"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class YStr(str):
    """A scalar exactly as typed (NFC), with where it was typed and whether it was blank.

    `source` is the text of the file from the scalar's first character to its end (quotes, the `|`
    line and indentation included) when it differs from the value, so that a rule about one character
    of a value (an unclosed `*`, the `./.` that ends a closing) can name that character's own line and
    column (`location_at`).
    """

    loc: Location
    is_null: bool
    style: str | None
    span: tuple[int, int, int, int] | None
    source: str | None
    _map: ValueMap | None

    def __new__(
        cls,
        value: str,
        loc: Location,
        is_null: bool = False,
        style: str | None = None,
        span: tuple[int, int, int, int] | None = None,
        source: str | None = None,
    ) -> YStr:
        obj = super().__new__(cls, value)
        obj.loc = loc
        obj.is_null = is_null
        obj.style = style
        obj.span = span  # (line, column, end line, end column), 0-based, exactly as typed in the file
        obj.source = source  # the text between those marks (NFC) when it differs from the value
        obj._map = None
        return obj

    def __reduce__(self):  # keep pickling/copying possible
        return (YStr, (str(self), self.loc, self.is_null, self.style, self.span, self.source))

    def location_at(self, offset: int) -> Location:
        """Return where the character at `offset` of this value was typed.

        Every diagnostic about a word inside a value (an unclosed `*`, a wrong date, legacy text) goes
        through here, so that it points at that word, not at the `|` that opens a page-long block. Where
        the place cannot be told (a value that did not come from a file), it is where the value starts.
        """
        if self.span is None:
            return self.loc
        if self._map is None:
            source = str(self) if self.source is None else self.source
            self._map = ValueMap(str(self), source, self.style, (self.span[0], self.span[1]))
        found = self._map.at(offset)
        if found is None:
            return self.loc
        return Location(self.loc.file, found[0] + 1, found[1] + 1, self.loc.path)


def line_at(text: str, offset: int) -> str:
    """Return the line of `text` that holds `offset`, stripped: what a diagnostic inside a long value
    quotes, instead of the value's first paragraph."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : None if end < 0 else end].strip()


class YMap(dict):
    """A mapping with its own location and the location of each key.

    `sources` is set only on the tree `load_data` returns: the resolved path of the data file and of
    every `ke_thua` file after it, in that order, so a caller knows every file the result depends on
    (values remember their own file, but a file may contribute nothing but keys that were overridden).
    """

    loc: Location
    key_locs: dict[str, Location]
    sources: tuple[Path, ...]

    def __init__(self, loc: Location):
        super().__init__()
        self.loc = loc
        self.key_locs = {}
        self.sources = ()


class YList(list):
    """A sequence with its own location."""

    def __init__(self, loc: Location):
        super().__init__()
        self.loc = loc


class _Guard:
    """Composer that looks at each node's event before composing it.

    PyYAML's scanner and parser keep explicit stacks, but its composer recurses once per nesting level,
    so ~330 nested mappings overflow Python's stack; and an alias is expanded as soon as it is composed.
    Checking the event first stops both before any work, and knows the key path of the node.
    """

    # supplied by the parser and composer this guard is mixed with
    peek_event: Any

    def _guard(self, file: str) -> None:
        self.file = file
        self.path: list[str | int] = []
        # Where a syntax error was met: the node whose first event was being read, else the innermost
        # mapping or sequence being composed (PyYAML reads ahead, so the exact item is not always known).
        self.error_path: tuple[str | int, ...] | None = None
        self.depth = 0  # mappings and sequences open around the node being composed
        self.problems: list[Diagnostic] = []  # refusals that do not stop reading (anchors, tags)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        part = _path_part(parent, index)
        path = self.error_path = (*self.path, part) if part is not None else tuple(self.path)
        event = self.peek_event()
        self.error_path = None
        where = _loc(self.file, event.start_mark, path)
        if isinstance(event, AliasEvent):
            raise _Refused(
                Diagnostic(
                    Code.YAML_ALIAS,
                    "không dùng neo/bí danh YAML (&tên, *tên) trong tệp báo cáo.",
                    where,
                    hint=f"chép thẳng giá trị vào chỗ cần dùng; nếu «*{event.anchor}» là chữ của văn bản, "
                    "đặt cả giá trị trong dấu nháy kép",
                )
            )
        opens = isinstance(event, MappingStartEvent | SequenceStartEvent)
        if opens and self.depth >= MAX_DEPTH:
            raise _Refused(
                Diagnostic(
                    Code.OVER_LIMIT,
                    f"bảng và danh sách lồng nhau quá sâu (quá {MAX_DEPTH} cấp).",
                    where,
                    hint="kiểm tra thụt đầu dòng và các dấu [ ] { }; nội dung sâu hơn nên viết thành gạch đầu dòng",
                )
            )
        if isinstance(parent, SequenceNode) and index >= MAX_LIST_ITEMS:
            raise _Refused(
                Diagnostic(
                    Code.OVER_LIMIT,
                    f"danh sách dài quá {format_number(MAX_LIST_ITEMS)} mục.",
                    where,
                    hint="chia danh sách thành nhiều phần, hoặc để bảng số liệu lớn trong tệp riêng gửi kèm",
                )
            )
        if isinstance(event, ScalarEvent) and len(event.value) > MAX_SCALAR_CHARS:
            raise _Refused(
                Diagnostic(
                    Code.OVER_LIMIT,
                    f"giá trị dài quá {format_number(MAX_SCALAR_CHARS)} ký tự (khoảng 40 trang).",
                    where,
                    hint="chia văn bản này thành nhiều mục, hoặc xem có phải đã dán nhầm cả một tệp vào đây",
                )
            )
        if event.anchor is not None:
            self.problems.append(
                _property_refused(Code.YAML_ALIAS, f"&{event.anchor}", "một neo YAML", event, where)
            )
        if event.tag is not None:
            self.problems.append(
                _property_refused(Code.YAML_TAG, _typed_tag(event.tag), "một thẻ kiểu YAML", event, where)
            )
        if part is not None:
            self.path.append(part)
        self.depth += opens
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        except yaml.MarkedYAMLError:
            if self.error_path is None:
                self.error_path = tuple(self.path)
            raise
        finally:
            self.depth -= opens
            if part is not None:
                self.path.pop()


class _GuardedLoader(_Guard, yaml.SafeLoader):
    """The pure-Python reader: its marks carry the text, and its error messages are the ones explained."""

    def __init__(self, text: str, file: str):
        yaml.SafeLoader.__init__(self, text)
        self._guard(file)


def _libyaml_parser() -> Any:
    """Return libyaml's parser class, or None when PyYAML was built without libyaml."""
    try:
        from yaml import cyaml
    except ImportError:
        return None
    return getattr(cyaml, "CParser", None)


_CParser: Any = _libyaml_parser()
_C_BASES: tuple[type, ...] = (_CParser,) if _CParser is not None else ()


class _FastLoader(_Guard, yaml.composer.Composer, *_C_BASES, yaml.resolver.Resolver):  # type: ignore[misc]
    """libyaml's scanner and parser (about ten times faster) under the same guarded Python composer.

    Only the events come from C: composing stays in Python so that every guard above still runs. Its
    marks have the same line, column and (character) index as the pure-Python ones, but no text.
    """

    def __init__(self, text: str, file: str):
        _CParser.__init__(self, text)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._guard(file)


# What libyaml and the pure-Python reader may treat differently: a byte-order mark, the Unicode line
# breaks, characters the Python reader refuses, and tabs (libyaml accepts `dia_danh: Ba Tô<Tab>` and
# some tab-indented lines that PyYAML refuses and the clerk is told about). Such text is read by the
# Python reader alone.
# Tab, BOM, NEL, the Unicode line breaks, and every character YAML 1.1 does not allow in a document
# (the C0/C1 controls but LF and CR, DEL, surrogates, U+FFFE/FFFF), listed rather than written as the
# complement of the allowed set: the same characters (tests/test_perf_boot.py checks every code point),
# compiled in 0.9 ms instead of 3.8 ms at every start.
_FAST_UNSAFE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u2028\u2029\ufffe\uffff]")


class _CComposer(*_C_BASES):  # type: ignore[misc]
    """libyaml composing the whole node tree in C: no Python call per event or per node.

    Composing in Python over libyaml's events cost a third of reading a report (≈6 of 17 ms for
    Phổ Hòa); in C it costs ≈2 ms. The guards of `_Guard` cannot run inside C, so `_c_node` checks
    the same things before (nesting, which C would recurse into) and after (the composed tree), and
    anything it is not sure of goes the old way.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """Return the mark of a node without a tag: this loader keeps every scalar a string."""
        return _UNTAGGED

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """Nothing to follow: `resolve` answers the same for every path."""

    def ascend_resolver(self) -> None:
        """Nothing to follow: `resolve` answers the same for every path."""


_UNTAGGED = "?"
# How deep C may nest at most, bounded from the text before composing: every flow level needs a `[`
# or `{`, and every block level starts right of its parent's (a list under a key may share its
# column), no further right than the indentation and `- `/`? `/`: ` in front of a line's first token
# (a line starts after `\n` or a lone `\r`, both line breaks for libyaml).
_C_SAFE_NESTING = 400
_LINE_PREFIX = re.compile(r"(?:^|(?<=\r))[ ?:-]*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """Return a number no smaller than how deep the collections of `text` can nest."""
    widest = max((len(prefix) for prefix in _LINE_PREFIX.findall(text)), default=0)
    return text.count("[") + text.count("{") + 2 * (widest + 1)


def _c_node(text: str) -> tuple[bool, Node | None]:
    """Return (True, the root node) composed by libyaml when `_Guard` would have let every node pass
    and found no anchor or tag; (False, None) when the text must go through the guarded composer.

    A node's start mark is where its properties begin, so an anchor (`&a`) or a tag (`!x`, even the
    bare `!` libyaml resolves silently) shows as that character of the text; an alias needs an
    anchor, which the walk meets first (document order), before any shared node is walked twice.
    """
    if _nesting_bound(text) > _C_SAFE_NESTING:
        return False, None
    composer = _CComposer(text)
    try:
        root = composer.get_single_node()
    except (yaml.YAMLError, UnicodeError, RecursionError):
        return False, None
    finally:
        composer.dispose()
    if root is None:
        return True, None
    stack: list[tuple[Node, int]] = [(root, 0)]  # a node and the collections open around it
    while stack:
        node, depth = stack.pop()
        if node.tag != _UNTAGGED or text[node.start_mark.index : node.start_mark.index + 1] in ("&", "!"):
            return False, None
        if isinstance(node, ScalarNode):
            if len(node.value) > MAX_SCALAR_CHARS:
                return False, None
            continue
        if depth >= MAX_DEPTH or (isinstance(node, SequenceNode) and len(node.value) > MAX_LIST_ITEMS):
            return False, None
        children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
        stack.extend((child, depth + 1) for child in reversed(children))
    return True, root


def _fast_tree(text: str, file: str) -> Any:
    """Return the located tree read by libyaml, or None when the pure-Python reader must read it.

    Only a clean read is kept: any error, refusal, anchor or tag sends the text to the pure-Python
    reader, whose messages (and marks carrying the text) the diagnostics are built from. libyaml
    composes the tree in C when `_c_node` is sure the guards pass; otherwise its events go through
    the guarded Python composer, as before.
    """
    if _CParser is None or _FAST_UNSAFE.search(text):
        return None
    composed, node = _c_node(text)
    if not composed:
        loader = _FastLoader(text, file)
        try:
            node = loader.get_single_node()
        except (_Refused, yaml.YAMLError, UnicodeError, RecursionError):
            return None
        finally:
            loader.dispose()
        if loader.problems:
            return None
    if node is None:
        return YMap(Location(file, 1, 1)), []
    builder = _Builder(file, text)
    tree = builder.build_tree(node)
    return tree, builder.diagnostics


def _path_part(parent: Node | None, index: Any) -> str | int | None:
    """Return the key path part of a node PyYAML composes: its list index or its key (None for a key)."""
    if isinstance(parent, SequenceNode):
        return index
    if isinstance(parent, MappingNode) and isinstance(index, ScalarNode):
        return unicodedata.normalize("NFC", index.value)
    return None


def _typed_tag(tag: str) -> str:
    """Return a resolved tag the way it is typed: `tag:yaml.org,2002:int` → `!!int`, `!quan` stays."""
    return "!!" + tag.removeprefix(_STANDARD_TAGS) if tag.startswith(_STANDARD_TAGS) else tag


_STANDARD_TAGS = "tag:yaml.org,2002:"


def _property_refused(code: Code, typed: str, what: str, event: Any, where: Location) -> Diagnostic:
    """Refuse an anchor (`&a`) or a tag (`!!int`, `!quan`) in front of a value.

    YAML drops it from the text (`trich_yeu: &a Báo cáo` prints "Báo cáo", `ten: !quan trọng` prints
    "trọng") or uses it to change how the value is read (`!!int 05` is 5 for YAML; this loader keeps
    strings and would ignore the tag); either way the clerk does not see it happen. Most often the
    clerk meant the characters as text, so the hint shows the value in double quotes, as it should be
    typed.
    """
    hint = f"xóa «{typed}»"
    source = _source_text(event.start_mark, event.end_mark) if isinstance(event, ScalarEvent) else None
    if source:
        hint += f"; nếu «{typed}» là chữ của văn bản, đặt cả giá trị trong dấu nháy kép: {json.dumps(source, ensure_ascii=False)}"
    return Diagnostic(
        code,
        f"«{typed}» ở đầu giá trị là {what}, bị âm thầm bỏ đi hoặc làm đổi giá trị; tệp báo cáo không dùng cách viết này.",
        where,
        value=source,
        hint=hint,
    )


def _source_text(start: Mark, end: Mark | None = None, in_flow: bool = False) -> str | None:
    """Return the text between two marks, or to the end of the value's line, when it is one short line.

    Without an end mark the value ends at the line break, or inside `[…]`/`{…}` at the next `,`, `]`
    or `}`.
    """
    if start.buffer is None:
        return None
    stop = end.pointer if end is not None else len(start.buffer)
    ends = "\r\n\0" + (",]}" if in_flow else "")
    text = re.split(f"[{re.escape(ends)}]", start.buffer[start.pointer : stop], maxsplit=1)[0].strip()
    return text if text and len(text) <= 200 and (end is None or end.line == start.line) else None


class _Refused(Exception):
    """A problem that stops reading the file at once (alias, limit)."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def plain(value: Any) -> Any:
    """Return the tree as plain dict/list/str/None (what pydantic validates); blanks become None."""
    if isinstance(value, YMap):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, YList):
        return [plain(v) for v in value]
    if isinstance(value, YStr):
        return None if value.is_null else str(value)
    return value


def location_of(tree: Any, path: tuple[str | int, ...]) -> Location | None:
    """Return the location of the value at `path`, or of its nearest located ancestor."""
    node = tree
    best = getattr(tree, "loc", None)
    for part in path:
        try:
            if isinstance(node, YMap) and isinstance(part, str):
                if part not in node:
                    return Location(best.file, best.line, best.column, path) if best else None
                child = node[part]
            elif isinstance(node, YList) and isinstance(part, int):
                child = node[part]
            else:
                break
        except (KeyError, IndexError):
            break
        node = child
        best = getattr(node, "loc", best)
    if best is None:
        return None
    return Location(best.file, best.line, best.column, path)


def _loc(file: str, mark: yaml.Mark, path: tuple[str | int, ...]) -> Location:
    return Location(file, mark.line + 1, mark.column + 1, path)


class _Builder:
    """Walk a composed node graph into YMap/YList/YStr, collecting diagnostics."""

    def __init__(self, file: str, text: str | None = None):
        self.file = file
        self.text = text  # the text read, for marks that do not carry it (libyaml's)
        self.diagnostics: list[Diagnostic] = []
        self.legacy_free = False  # no value of the file can look typed in TCVN3/VNI (`build_tree`)

    def build_tree(self, root: Node) -> Any:
        """Return the located tree of a whole file (its node graph is a tree: aliases were refused).

        The legacy-encoding check runs once on every value of the file joined by line breaks before
        it runs on each value: a value's words are some of the file's words, and a value is only
        flagged with two signals among its own words, so a file whose words all together give fewer
        than two flags no value. Checking each of Phổ Hòa's 500 values alone cost a third of reading it.
        """
        values: list[str] = []
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, ScalarNode):
                values.append(unicodedata.normalize("NFC", node.value))
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
            else:
                stack.extend(child for pair in node.value for child in pair)
        self.legacy_free = detect_legacy_encoding("\n".join(values)) is None
        return self.build(root, ())

    def build(self, node: Node, path: tuple[str | int, ...]) -> Any:
        loc = _loc(self.file, node.start_mark, path)
        if isinstance(node, ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, SequenceNode):
            seq = YList(loc)
            for index, item in enumerate(node.value):
                seq.append(self.build(item, (*path, index)))
            return seq
        if isinstance(node, MappingNode):
            return self._mapping(node, loc, path)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover - composer guarantees

    def _mapping(self, node: MappingNode, loc: Location, path: tuple[str | int, ...]) -> YMap:
        mapping = YMap(loc)
        for key_node, value_node in node.value:
            key_loc = _loc(self.file, key_node.start_mark, path)
            if not isinstance(key_node, ScalarNode):
                self.diagnostics.append(
                    Diagnostic(
                        Code.NON_STRING_KEY,
                        "khóa phải là một chữ (chuỗi), không phải danh sách hay bảng.",
                        key_loc,
                    )
                )
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            key_loc = Location(key_loc.file, key_loc.line, key_loc.column, (*path, key))
            if key in mapping:
                first = mapping.key_locs[key]
                self.diagnostics.append(
                    Diagnostic(
                        Code.DUPLICATE_KEY,
                        f"khóa này đã có ở dòng {first.line}; YAML sẽ âm thầm bỏ giá trị trước.",
                        key_loc,
                        hint="xóa một trong hai dòng hoặc gộp nội dung lại",
                    )
                )
                continue
            mapping.key_locs[key] = key_loc
            mapping[key] = self.build(value_node, (*path, key))
        return mapping

    def _scalar(self, node: ScalarNode, loc: Location) -> YStr:
        text = unicodedata.normalize("NFC", node.value)
        style = node.style or None  # a plain scalar: None from the Python reader, "" from libyaml
        is_null = style is None and text in _NULLS
        if style in ("|", ">"):
            # Block scalars start on the line after the indicator; report positions there.
            loc = Location(loc.file, loc.line + 1, loc.column, loc.path)
        span = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
        buffer = node.start_mark.buffer
        if buffer:
            raw: str | None = buffer[node.start_mark.pointer : node.end_mark.pointer]
        else:
            raw = None if self.text is None else self.text[node.start_mark.index : node.end_mark.index]
        source = unicodedata.normalize("NFC", raw) if raw else None
        value = YStr(
            text, loc, is_null=is_null, style=style, span=span, source=None if source == text else source
        )
        bad = _XML_ILLEGAL.search(text)
        if bad:
            self.diagnostics.append(
                Diagnostic(
                    Code.XML_ILLEGAL_CHARACTER,
                    f"có ký tự điều khiển U+{ord(bad.group()):04X} mà Word không mở được.",
                    value.location_at(bad.start()),
                    value=line_at(text, bad.start()),
                    hint="xóa ký tự lạ (thường do dán từ PDF hoặc web) rồi gõ lại đoạn đó",
                )
            )
        kind = None if self.legacy_free else detect_legacy_encoding(text)
        if kind:
            word = first_legacy_word(text, kind)
            start = word[0] if word else 0
            self.diagnostics.append(
                Diagnostic(
                    Code.LEGACY_ENCODING,
                    f"văn bản có vẻ gõ bằng bảng mã cũ {kind}, không phải Unicode; công cụ không tự chuyển để tránh làm sai tên riêng.",
                    value.location_at(start),
                    value=line_at(text, start),
                    hint=legacy_sample_hint(kind),
                )
            )
        return value


def _looks_utf16(raw: bytes) -> bool:
    """True for a file saved as UTF-16 («Unicode» in Notepad), which deserves its own message.

    Notepad writes a byte-order mark (FF FE); without one, the sign is a NUL on every other byte (the
    high byte of each ASCII letter).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    nul = max(even, odd)
    # Vietnamese text is mostly ASCII letters and spaces, so well over a quarter of its UTF-16 bytes are
    # NUL, all at the same parity; a stray NUL or a binary file's NUL runs are neither.
    return nul > 0 and nul * 4 >= len(sample) and min(even, odd) * 10 <= nul


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    if _looks_utf16(raw):
        return None, [
            Diagnostic(
                Code.UNREADABLE_DATA,
                "tệp được lưu bằng mã UTF-16 («Unicode» trong Notepad), công cụ chỉ đọc mã UTF-8.",
                Location(file, 1, 1),
                hint="lưu lại với mã UTF-8: trong Notepad chọn Tệp → Lưu thành (Save As), ô Mã hóa (Encoding) chọn UTF-8",
            )
        ]
    body = raw.removeprefix(codecs.BOM_UTF8)  # Notepad's "UTF-8 with BOM"; positions count after it
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        line = body.count(b"\n", 0, exc.start) + 1
        # Everything before the first bad byte is valid UTF-8: count characters, not bytes, for the column.
        column = len(body[line_start : exc.start].decode("utf-8")) + 1
        return None, [
            Diagnostic(
                Code.UNREADABLE_DATA,
                "tệp không phải mã UTF-8 (có thể lưu bằng bảng mã ANSI/TCVN3/VNI, hoặc bị cắt giữa chừng).",
                Location(file, line, column),
                hint="mở tệp bằng Notepad++ hoặc VS Code và lưu lại với mã UTF-8",
            )
        ]


def load_text(text: str, file: str) -> tuple[Any, list[Diagnostic]]:
    """Return the located tree of one YAML document and the problems found in it."""
    long_line = _first_long_line(text)
    if long_line:
        return None, [
            Diagnostic(
                Code.OVER_LIMIT,
                f"dòng này dài quá {format_number(MAX_SCALAR_CHARS)} ký tự (khoảng 40 trang).",
                Location(file, long_line, 1),
                hint="xem có phải đã dán nhầm cả một tệp vào đây; văn bản dài nên viết trong khối `|`, mỗi đoạn một dòng",
            )
        ]
    fast = _fast_tree(text, file)
    if fast is not None:
        return fast
    loader: _GuardedLoader | None = None
    try:
        loader = _GuardedLoader(text, file)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Refused as exc:
        return None, [*loader.problems, exc.diagnostic] if loader else [exc.diagnostic]
    except yaml.MarkedYAMLError as exc:
        if loader is None:  # pragma: no cover - only parsing raises it, and parsing needs the loader
            raise
        return None, _syntax_problems(text, file, exc, loader)
    except yaml.YAMLError as exc:  # reader errors: bytes YAML itself refuses
        mark = getattr(exc, "position", None)
        return None, [
            Diagnostic(
                Code.XML_ILLEGAL_CHARACTER if "special characters" in str(exc) else Code.UNREADABLE_DATA,
                "tệp có ký tự không được phép (ký tự điều khiển).",
                Location(file, 1, 1) if mark is None else _char_location(text, file, mark),
                hint="xóa ký tự lạ (thường do dán từ PDF hoặc web)",
            )
        ]
    if node is None:
        return YMap(Location(file, 1, 1)), loader.problems
    builder = _Builder(file)
    tree = builder.build_tree(node)
    return tree, [*loader.problems, *builder.diagnostics]


# A syntax error stops PyYAML; the text is parsed again with the offending line blanked to find the
# next one. Both numbers only bound the work on a pathological file: a clerk's file has a few errors,
# and a parse costs about a second per 400 KB.
MAX_SYNTAX_ERRORS = 10
_REPARSE_BUDGET = 1_000_000  # characters parsed again, in all


def _syntax_problems(
    text: str, file: str, exc: yaml.MarkedYAMLError, loader: _GuardedLoader
) -> list[Diagnostic]:
    """Return the syntax errors of `text`, each explained and located, and the anchors and tags met.

    After each error the offending line (and what is indented under it) is blanked and the text
    parsed again, until it reads to the end, an error repeats, or an error leaves nothing readable
    after it. Blanking moves no other character, so every position stays exact.
    """
    found: dict[tuple[str, int, int], Diagnostic] = {}

    def keep(diagnostic: Diagnostic) -> bool:
        """Add `diagnostic`; return False when its code was already reported at the same place."""
        loc = diagnostic.location
        key = (diagnostic.code, loc.line if loc else 0, loc.column if loc else 0)
        if key in found:
            return False
        found[key] = diagnostic
        return True

    errors, budget = 0, _REPARSE_BUDGET
    while True:
        for problem in loader.problems:
            keep(problem)
        explained = (
            unclosed_quote(exc, file) or _property_syntax_error(exc, file, loader) or explain(exc, file)
        )
        if explained.diagnostic is not None:
            if not keep(explained.diagnostic):
                break
            errors += 1
        blanked = blank_line(text, explained.line)
        if explained.last or errors >= MAX_SYNTAX_ERRORS or blanked == text or len(blanked) > budget:
            break
        text, budget = blanked, budget - len(blanked)
        loader = _GuardedLoader(text, file)
        try:
            loader.get_single_node()
        except yaml.MarkedYAMLError as again:
            exc = again
            continue
        except _Refused as refused:
            keep(refused.diagnostic)
        finally:
            loader.dispose()
        for problem in loader.problems:
            keep(problem)
        break
    return sorted(found.values(), key=Diagnostic.sort_key)


# PyYAML's words for a value that starts with &, * or ! but is no valid anchor, alias or tag.
_PROPERTY_CONTEXTS = {
    "while scanning an anchor": (Code.YAML_ALIAS, "một neo YAML"),
    "while scanning an alias": (Code.YAML_ALIAS, "một bí danh YAML"),
    "while scanning a tag": (Code.YAML_TAG, "một thẻ kiểu YAML"),
    "while parsing a tag": (Code.YAML_TAG, "một thẻ kiểu YAML"),
    "while parsing a node": (Code.YAML_TAG, "một thẻ kiểu YAML"),  # found undefined tag handle: `!x!y`
}


def _property_syntax_error(
    exc: yaml.MarkedYAMLError, file: str, loader: _GuardedLoader
) -> SyntaxProblem | None:
    """Explain `ten: !ổn định`, `ghi_chu: * Lưu ý`: a value starting with !, & or * that YAML cannot read.

    PyYAML says "expected alphabetic or numeric character"; the clerk needs to hear that the first
    character has a meaning in YAML and that double quotes make it plain text.
    """
    known = _PROPERTY_CONTEXTS.get(exc.context or "")
    if known is None or exc.context_mark is None:
        return None
    code, what = known
    mark = exc.context_mark
    source = _source_text(mark, in_flow=loader.flow_level > 0)
    hint = "đặt cả giá trị trong dấu nháy kép"
    if source:
        hint += f": {json.dumps(source, ensure_ascii=False)}"
    diagnostic = Diagnostic(
        code,
        f"dấu «{mark.buffer[mark.pointer] if mark.buffer else source}» ở đầu giá trị làm YAML hiểu nhầm đây là {what} "
        "và không đọc được tệp.",
        _loc(file, mark, loader.error_path or ()),
        value=source,
        hint=hint,
    )
    return SyntaxProblem(diagnostic, mark.line)


def _first_long_line(text: str) -> int | None:
    """Return the number of the first line longer than a value may be, or None.

    A line that long is an over-long value or an absurd flow list; finding it here costs milliseconds,
    while PyYAML's scanner needs about a second to reach the end of a value that fills the file.
    """
    # splitlines breaks at YAML's line breaks (\r, \n, \x85, \u2028, \u2029) and at a few characters
    # the reader refuses anyway, so its line numbers are PyYAML's.
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_SCALAR_CHARS:
            return number
    return None


def _char_location(text: str, file: str, index: int) -> Location:
    before = text[:index]
    return Location(file, before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


def _read(path: Path, shown: str) -> tuple[Any, list[Diagnostic]]:
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # never more: a huge file costs no time or memory
    except OSError as exc:
        return None, [
            Diagnostic(
                Code.UNREADABLE_DATA,
                f"không đọc được tệp ({os_reason(exc)}).",
                Location(shown, 1, 1),
                hint="kiểm tra đường dẫn và tên tệp",
            )
        ]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                Code.OVER_LIMIT,
                f"tệp lớn quá {MAX_FILE_BYTES // 1024} KB; một báo cáo thường chỉ vài chục KB.",
                Location(shown, 1, 1),
                hint="xem có phải đã dán nhầm cả một tài liệu hay hình ảnh vào tệp; bảng số liệu lớn nên để "
                "trong tệp riêng gửi kèm",
            )
        ]
    text, problems = _decode(raw, shown)
    if text is None:
        return None, problems
    return load_text(text, shown)


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def deep_merge(base: Any, override: Any) -> Any:
    """Return `base` updated by `override`: mappings merge key by key; anything else is replaced."""
    if isinstance(base, YMap) and isinstance(override, YMap):
        merged = YMap(override.loc)
        for key, value in base.items():
            merged[key] = value
            merged.key_locs[key] = base.key_locs[key]
        for key, value in override.items():
            merged[key] = deep_merge(base[key], value) if key in base else value
            merged.key_locs[key] = override.key_locs[key]
        return merged
    return override


def load_data(path: str | Path) -> tuple[Any, list[Diagnostic]]:
    """Return the merged tree of a period file and the profile files it extends (`ke_thua`)."""
    path = Path(path)
    root = path.resolve().parent
    read: list[Path] = []
    tree, diagnostics = _load_chain(path, root, [], 0, read)
    if isinstance(tree, YMap):
        tree.sources = tuple(read)
    return tree, diagnostics


def _load_chain(
    path: Path, root: Path, seen: list[Path], depth: int, read: list[Path]
) -> tuple[Any, list[Diagnostic]]:
    shown = _display_name(path)
    read.append(path.resolve())
    tree, diagnostics = _read(path, shown)
    if tree is None:
        return None, diagnostics
    if not isinstance(tree, YMap):
        diagnostics.append(
            Diagnostic(
                Code.WRONG_TYPE,
                "tệp báo cáo phải là một bảng khóa: giá trị (ví dụ `he_thong: nha_nuoc`).",
                getattr(tree, "loc", Location(shown, 1, 1)),
            )
        )
        return None, diagnostics
    parent_ref = tree.pop(INHERIT_KEY, None)
    if parent_ref is None:
        return tree, diagnostics
    ref_loc = parent_ref.loc if isinstance(parent_ref, YStr) else tree.loc
    if not isinstance(parent_ref, YStr) or parent_ref.is_null:
        diagnostics.append(
            Diagnostic(Code.BAD_INHERITANCE, "ke_thua phải là tên một tệp hồ sơ đơn vị.", ref_loc)
        )
        return tree, diagnostics
    parent_path = (path.resolve().parent / str(parent_ref)).resolve()
    if parent_path in seen or parent_path == path.resolve():
        diagnostics.append(
            Diagnostic(
                Code.BAD_INHERITANCE,
                "kế thừa vòng tròn: tệp này kế thừa lại chính nó.",
                ref_loc,
                value=str(parent_ref),
            )
        )
        return tree, diagnostics
    if depth >= MAX_INHERIT_DEPTH:
        diagnostics.append(
            Diagnostic(Code.BAD_INHERITANCE, "chuỗi kế thừa quá dài.", ref_loc, value=str(parent_ref))
        )
        return tree, diagnostics
    if not parent_path.is_file():
        diagnostics.append(
            Diagnostic(
                Code.BAD_INHERITANCE,
                "không tìm thấy tệp hồ sơ đơn vị để kế thừa.",
                ref_loc,
                value=str(parent_ref),
                hint="đường dẫn tính từ thư mục chứa tệp này, ví dụ `don-vi.yaml`",
            )
        )
        return tree, diagnostics
    if not parent_path.is_relative_to(root):
        diagnostics.append(
            Diagnostic(
                Code.BAD_INHERITANCE,
                f"tệp kế thừa nằm ngoài thư mục dữ liệu ({root}); vẫn dùng, nhưng hãy chắc đây đúng là tệp của đơn vị mình.",
                ref_loc,
                value=str(parent_ref),
                severity=Severity.WARNING,
                hint="chép tệp hồ sơ đơn vị vào cùng thư mục với tệp báo cáo",
            )
        )
    parent_tree, parent_diags = _load_chain(parent_path, root, [*seen, path.resolve()], depth + 1, read)
    diagnostics.extend(parent_diags)
    if parent_tree is None:
        return tree, diagnostics
    return deep_merge(parent_tree, tree), diagnostics
