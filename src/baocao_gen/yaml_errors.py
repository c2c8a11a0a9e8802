"""YAML syntax errors in a clerk's words, each at its exact place, and more than the first one.

PyYAML stops at the first syntax error and words it for YAML experts: "mapping values are not allowed
here" is, nine times out of ten, a `:` inside a value that is not in quotes; "found unknown escape
character 'D'" is the backslash of `"D:\\DuLieu"`. Here each problem PyYAML can raise is recognised by
its context and problem texts (unchanged since PyYAML 3.x) and said in Vietnamese with what to type
instead; only a text never seen before keeps PyYAML's English, in parentheses after a Vietnamese
sentence.

A clerk pays a round trip for every run, so after an error the loader parses the text again with the
offending line blanked (`blank_line`): blanking keeps every other character where it was, so the next
error found is at its exact line and column too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .codes import Code
from .diagnostics import Diagnostic, Location

__all__ = ["SyntaxProblem", "blank_line", "explain", "unclosed_quote"]

# The line breaks PyYAML counts (its marks' line numbers), "\r\n" being one.
_BREAK = re.compile("(\r\n|[\n\r\x85\u2028\u2029])")
_QUOTE_HINT = "nếu là chữ của văn bản, đặt cả giá trị trong dấu nháy kép"
_GENERAL_HINT = (
    "kiểm tra thụt đầu dòng (dùng dấu cách, không dùng Tab) và dấu hai chấm sau mỗi khóa; văn bản có dấu “:” "
    "hoặc “#” nên đặt trong dấu nháy hoặc trong khối `|`"
)


@dataclass(frozen=True)
class SyntaxProblem:
    """A syntax error explained: the diagnostic, the line to blank before reading on, and whether to.

    `diagnostic` is None when the problem is already reported another way (a duplicate anchor is
    refused as an anchor). `line` is 0-based, as PyYAML counts. `last` is True when what follows the
    error cannot be read reliably: after a second document (`---`), or after a misaligned line, which
    may be the line YAML stopped at or one above it that opened the block (the lines after it would
    all be misaligned with that block: errors the clerk never made).
    """

    diagnostic: Diagnostic | None
    line: int
    last: bool = False


def explain(exc: yaml.MarkedYAMLError, file: str) -> SyntaxProblem:
    """Return what went wrong at `exc`, in Vietnamese, located where the clerk must change the text."""
    context = exc.context or ""
    problem = exc.problem or ""
    where = exc.problem_mark or exc.context_mark
    start = exc.context_mark or where
    if where is None or start is None:  # pragma: no cover - every MarkedYAMLError PyYAML raises has a mark
        return SyntaxProblem(
            _syntax(
                file, 0, 0, f"YAML không đọc được tệp (chi tiết bằng tiếng Anh: {problem}).", _GENERAL_HINT
            ),
            0,
            True,
        )
    if problem == "mapping values are not allowed here":
        return _colon(where, file)
    if problem == "could not find expected ':'":
        line, _ = _line_of(start)
        missing_space = _missing_space(file, start.line, line)
        if missing_space is not None:
            return missing_space
        return _said(
            file,
            start,
            "dòng này không có dạng «khóa: giá trị»: thiếu dấu hai chấm sau khóa, hoặc đây là phần tiếp của văn bản ở dòng "
            "trên mà không thụt vào.",
            "thêm «: » sau tên khóa; nếu là phần tiếp của đoạn văn ở trên, viết cả đoạn trong khối `|` và thụt vào cùng cột "
            "với các dòng của đoạn",
        )
    if "cannot start any token" in problem:
        return _bad_start(where, file)
    if problem.startswith(("found unknown escape character", "expected escape sequence")):
        return _escape(start, where, file)
    if context == "while scanning a quoted scalar":
        quote = _char(start)
        return _said(
            file,
            start,
            f"dấu nháy «{quote}» mở ở đây không có dấu nháy đóng, nên YAML đọc cả phần sau của tệp làm một giá trị.",
            f"thêm «{quote}» ở cuối giá trị; nếu giá trị có dấu nháy bên trong, viết nó trong khối `|`",
        )
    if problem.startswith("expected <block end>"):
        return _indentation(start, where, file)
    if problem.startswith("expected '<document start>'"):
        return _said(
            file,
            where,
            "YAML coi tệp đã hết ở dòng trên (có dòng «...», hoặc một giá trị đứng riêng không có khóa), nên không đọc được "
            "từ đây.",
            "xóa dòng «...» nếu có; mỗi dòng dữ liệu phải có dạng «khóa: giá trị», thụt vào như các dòng cùng cấp",
            last=True,
        )
    if context == "expected a single document in the stream":
        return _said(
            file,
            where,
            "dòng «---» ở đây mở một tài liệu YAML thứ hai; một tệp báo cáo chỉ có một.",
            "xóa dòng «---» (mỗi kỳ báo cáo để trong một tệp riêng)",
            last=True,
        )
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        return _flow(start, where, file, context.endswith("sequence"))
    if problem.startswith("expected the node content"):
        return _missing_value(where, file)
    if context == "while scanning a block scalar":
        mark = _char(start)
        return _said(
            file,
            where,
            f"sau dấu «{mark}» chỉ được xuống dòng (hoặc «+», «-», một chữ số); văn bản viết từ dòng dưới.",
            f"chuyển phần chữ sau «{mark}» xuống dòng dưới, thụt vào 2 dấu cách; giá trị chỉ một dòng thì bỏ «{mark}»",
        )
    if problem in ("sequence entries are not allowed here", "block sequence entries are not allowed here"):
        return _said(
            file,
            where,
            "gạch đầu dòng «- » không viết được ngay sau «khóa:» trên cùng một dòng.",
            "xuống dòng rồi thụt vào: «khóa:» một dòng, dòng dưới «  - mục»; " + _QUOTE_HINT,
        )
    if problem == "mapping keys are not allowed here":
        return _said(file, where, "dấu «?» ở đầu giá trị có nghĩa riêng trong YAML.", _QUOTE_HINT)
    if context.startswith("found duplicate anchor"):
        return SyntaxProblem(None, where.line)  # each anchor is already refused where it is (D102)
    if context == "while scanning a directive" or problem.startswith(
        ("found duplicate YAML directive", "found incompatible YAML document", "duplicate tag handle")
    ):
        return _said(
            file,
            start,
            "dòng bắt đầu bằng «%» là một chỉ thị của YAML; tệp báo cáo không dùng.",
            "xóa dòng này; nếu «%» là chữ của một giá trị, đặt cả giá trị trong dấu nháy kép",
        )
    detail = ", ".join(part for part in (context, problem) if part)
    return _said(
        file, where, f"YAML không đọc được tệp từ chỗ này (chi tiết bằng tiếng Anh: {detail}).", _GENERAL_HINT
    )


def blank_line(text: str, line: int) -> str:
    """Return `text` with line `line` (0-based) and the lines that belong under it emptied.

    The lines under it are those indented deeper (its block, the rest of its value) and, for a
    `khóa:` line, the `- ` items YAML allows at the key's own indentation: left alone, they would
    be read as orphans and reported as errors the clerk never made. Line breaks stay, so every
    other line keeps its number and every character its column.
    """
    parts = _BREAK.split(text)
    lines, breaks = parts[0::2], parts[1::2]
    if line >= len(lines) or not lines[line].strip():
        return text
    head = lines[line]
    base = _indent(head)
    is_key = re.match(r"\s*[^\s#\-][^:#]*:(\s|$)", head) is not None
    lines[line] = ""
    for index in range(line + 1, len(lines)):
        body = lines[index].lstrip(" \t")
        if not body or body.startswith("#"):
            continue
        indent = _indent(lines[index])
        if indent > base or (is_key and indent == base and (body == "-" or body.startswith("- "))):
            lines[index] = ""
        else:
            break
    return "".join(piece for pair in zip(lines, [*breaks, ""], strict=True) for piece in pair)


def _indent(line: str) -> int:
    """Return the width of the line's indentation; a Tab typed there counts as one character."""
    return len(line) - len(line.lstrip(" \t"))


def _said(file: str, mark: yaml.Mark, message: str, hint: str, last: bool = False) -> SyntaxProblem:
    return SyntaxProblem(_syntax(file, mark.line, mark.column, message, hint), mark.line, last)


def _syntax(file: str, line: int, column: int, message: str, hint: str | None) -> Diagnostic:
    return Diagnostic(
        Code.UNREADABLE_DATA, "sai cú pháp YAML: " + message, Location(file, line + 1, column + 1), hint=hint
    )


def _char(mark: yaml.Mark) -> str:
    return mark.buffer[mark.pointer] if mark.buffer and mark.pointer < len(mark.buffer) else ""


def _line_of(mark: yaml.Mark) -> tuple[str, int]:
    """Return the text of the mark's line and the buffer index where it starts."""
    buffer = mark.buffer or ""
    begin = mark.pointer - mark.column
    end = begin
    while end < len(buffer) and buffer[end] not in "\r\n\x85\u2028\u2029\0":
        end += 1
    return buffer[begin:end], begin


def _quoted(value: str) -> str:
    """Return `value` as a clerk should type it in quotes: double quotes unless it holds `"` or `\\`."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _key_colon(line: str) -> int | None:
    """Return the index of the `:` that ends the line's key (the first one followed by a space), or None."""
    return next(
        (i for i, ch in enumerate(line) if ch == ":" and (i + 1 == len(line) or line[i + 1] in " \t")), None
    )


def _key_and_value(line: str) -> tuple[str, str]:
    """Return `- khóa:` and the value typed after it (without a trailing comment), or ("", "")."""
    colon = _key_colon(line)
    if colon is None:
        return "", ""
    return line[: colon + 1].strip(), line[colon + 1 :].partition(" #")[0].strip()


def _value_part(line: str) -> tuple[str, str]:
    """Return the line's `khóa:` or `-` and the value typed after it (without a trailing comment)."""
    key, value = _key_and_value(line)
    if key:
        return key, value
    item = re.match(r"\s*((?:- +)+)", line)
    if item:
        return item.group(1).strip(), line[item.end() :].partition(" #")[0].strip()
    return "", line.partition(" #")[0].strip()


def _colon(where: yaml.Mark, file: str) -> SyntaxProblem:
    """A `:` YAML took for a new key: inside an unquoted value, or on a line indented too deep."""
    line, _ = _line_of(where)
    key_colon = _key_colon(line)
    if key_colon is not None and key_colon < where.column:
        key, value = _key_and_value(line)
        comment = line[key_colon + 1 :].partition(" #")[2]
        typed = f"{key} {_quoted(value)}" + (f" #{comment}" if comment else "")
        return _said(
            file,
            where,
            "giá trị có dấu hai chấm «: » mà không đặt trong dấu nháy, nên YAML tưởng đây là một khóa mới.",
            f"đặt cả giá trị trong dấu nháy: {typed}",
        )
    previous = _previous_line(where)
    first = len(line) - len(line.lstrip(" "))
    if previous is not None:
        missing_space = _missing_space(file, *previous)
        if missing_space is not None:
            return missing_space
    above = f"dòng {previous[0] + 1}" if previous is not None else "dòng trên"
    return SyntaxProblem(
        _syntax(
            file,
            where.line,
            first,
            f"dòng này thụt vào sâu hơn {above}, nên YAML đọc nó là phần tiếp của giá trị ở {above}, rồi gặp dấu «:».",
            "nếu đây là một khóa, cho nó thẳng cột với các khóa cùng cấp (khóa con thì dòng trên chỉ ghi «khóa:», "
            "không có giá trị); nếu là phần tiếp của văn bản, viết cả đoạn trong khối `|`",
        ),
        where.line,
    )


def _missing_space(file: str, number: int, line: str) -> SyntaxProblem | None:
    """`so:5`: a key whose colon has no space after it, so YAML reads the line as text and fails below."""
    found = re.match(r"\s*(?:- +)?[^\s:#'\"][^:#]*?:(?=[^\s:/])", line)
    if found is None:
        return None
    column = found.end()
    return SyntaxProblem(
        _syntax(
            file,
            number,
            column,
            "thiếu dấu cách sau dấu hai chấm, nên YAML đọc cả dòng này thành chữ, không phải «khóa: giá trị».",
            f"viết «{line[:column].strip()} {line[column:].partition(' #')[0].strip()}»",
        ),
        number,
    )


def _previous_line(where: yaml.Mark) -> tuple[int, str] | None:
    """Return the number (0-based) and text of the last line above `where` that holds data."""
    buffer = (where.buffer or "")[: where.pointer - where.column]
    lines = _BREAK.split(buffer)[0::2][:-1]  # the text before the mark's line ends with a break
    for number in range(len(lines) - 1, -1, -1):
        body = lines[number].strip()
        if body and not body.startswith("#"):
            return number, lines[number]
    return None


def _bad_start(where: yaml.Mark, file: str) -> SyntaxProblem:
    """A Tab, or a character YAML reserves (`@`, `` ` ``, `%`) where a value starts."""
    char = _char(where)
    if char == "\t":
        return _said(
            file,
            where,
            "có ký tự Tab ở đây; YAML chỉ cho thụt đầu dòng bằng dấu cách.",
            "xóa Tab, gõ dấu cách thay vào (trong Notepad++ hay VS Code: chọn chuyển Tab thành dấu cách)",
        )
    line, begin = _line_of(where)
    value = line[where.pointer - begin :].partition(" #")[0].strip()
    return _said(
        file,
        where,
        f"giá trị không được bắt đầu bằng «{char}» khi không đặt trong dấu nháy (YAML dành riêng ký tự này).",
        f"đặt cả giá trị trong dấu nháy: {_quoted(value)}" if value else _QUOTE_HINT,
    )


def _escape(start: yaml.Mark, where: yaml.Mark, file: str) -> SyntaxProblem:
    """A backslash inside double quotes (`"D:\\DuLieu"`): YAML reads `\\D` as an escape and has none."""
    line, begin = _line_of(where)
    backslash = line.rfind("\\", 0, where.pointer - begin + 1)
    at = backslash if backslash >= 0 else where.column
    escape = line[at : at + 2] if backslash >= 0 else "\\"
    if start.line != where.line:
        # A value quoted across lines is most often a quote never closed: YAML read on until a
        # backslash of a later line. Said so at the quote, with the backslash's place.
        return _said(
            file,
            start,
            f'dấu nháy «"» mở ở đây không được đóng trên dòng này, nên YAML đọc tiếp đến dòng {where.line + 1}, cột {at + 1} '
            f"và gặp «{escape}» (trong dấu nháy kép «\\» mở đầu một ký tự đặc biệt).",
            'thêm «"» ở cuối giá trị; nếu giá trị có dấu nháy bên trong, viết nó trong khối `|`',
        )
    hint = "dùng dấu nháy đơn (trong nháy đơn «\\» là chữ thường), hoặc gõ «\\\\» cho mỗi «\\»; văn bản dài viết trong khối `|`"
    inner = _double_quoted(line, start.pointer - begin)
    if inner is not None and '\\"' not in inner:
        hint = f"dùng dấu nháy đơn: '{inner.replace(chr(39), chr(39) * 2)}' (trong nháy đơn «\\» là chữ thường), hoặc gõ «\\\\» cho mỗi «\\»"
    return SyntaxProblem(
        _syntax(
            file,
            where.line,
            at,
            f"trong dấu nháy kép, «\\» mở đầu một ký tự đặc biệt (như \\n là xuống dòng); «{escape}» không phải ký tự nào, "
            "nên YAML không đọc được.",
            hint,
        ),
        start.line,
    )


def _double_quoted(line: str, opening: int) -> str | None:
    """Return the text typed between the `"` at `opening` and its closing quote on the line, or None."""
    index = opening + 1
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] == '"':
            return line[opening + 1 : index]
        index += 1
    return None


def _indentation(start: yaml.Mark, where: yaml.Mark, file: str) -> SyntaxProblem:
    """A line that does not line up with the mapping or list it should belong to."""
    line, begin = _line_of(where)
    before = line[: where.pointer - begin].rstrip()
    char = _char(where)
    if before.endswith(('"', "'")):  # `ten: "Hội nghị" tổng kết`
        quote = before[-1]
        key, value = _key_and_value(line)
        typed = f"{key} {_quoted(value)}" if key and value.startswith(quote) else None
        return _said(
            file,
            where,
            f"có chữ sau dấu nháy đóng «{quote}»; khi giá trị bắt đầu bằng dấu nháy, cả giá trị phải nằm trong dấu nháy.",
            (
                f"đặt cả giá trị trong dấu nháy: {typed}"
                if typed
                else "đặt cả giá trị trong dấu nháy, hoặc bỏ dấu nháy"
            )
            + "; dấu nháy là chữ của văn bản thì cũng có thể gõ “…” (nháy cong)",
        )
    prefix, value = _value_part(line)
    if before.endswith(("]", "}")) and value.startswith(("[", "{")):  # `trich_yeu: [[nq25]] về …`
        bracket = value[0]
        return _said(
            file,
            where,
            f"giá trị bắt đầu bằng «{bracket}» nên YAML đọc phần đầu của nó là một "
            + ("danh sách" if bracket == "[" else "bảng khóa: giá trị")
            + ", rồi gặp chữ sau dấu đóng; trích dẫn [[…]] hay số liệu {…} ở đầu giá trị phải đặt trong dấu nháy.",
            f"đặt cả giá trị trong dấu nháy: {prefix} {_quoted(value)}".replace("  ", " ").strip(),
        )
    opened = f"dòng {start.line + 1}, cột {start.column + 1}"
    if char == "-":
        message = (
            f"gạch đầu dòng «- » này không thẳng cột với các mục khác của danh sách bắt đầu ở {opened}, hoặc đứng dưới một "
            "khóa đã có giá trị."
        )
        hint = "các dòng «- » của cùng một danh sách phải thẳng cột với nhau, dưới một dòng «khóa:» không có giá trị"
    else:
        message = (
            f"dòng này thụt đầu dòng không khớp với các dòng ở trên (bảng hay danh sách chứa nó bắt đầu ở {opened}), nên YAML "
            "không biết nó thuộc về đâu."
        )
        hint = "các khóa cùng cấp phải thẳng cột (cùng số dấu cách ở đầu dòng); khóa con thụt vào sâu hơn khóa cha"
    return SyntaxProblem(_syntax(file, where.line, where.column, message, hint), where.line, last=True)


def unclosed_quote(exc: yaml.MarkedYAMLError, file: str) -> SyntaxProblem | None:
    """Return the quote that was never closed when YAML failed right after a value quoted across lines.

    With `ten: "Ba Tô` (no closing quote), YAML reads on, across lines, to the next `"` of the file and
    fails somewhere after it, far from the mistake, often on what follows the quote (`"*Quy định…`
    becomes an alias); every later quote of the file is then paired wrongly. PyYAML's own scanner
    finds the value it read last: when it began on an earlier line than the error's, the clerk is
    shown where it began. Checked before any other explanation, since it changes what the error is.
    """
    context = exc.context or ""
    where = exc.context_mark if context.startswith("while scanning") else exc.problem_mark
    if where is None or context == "while scanning a quoted scalar" or not where.buffer:
        return None
    line, begin = _line_of(where)
    if '"' not in line[: where.pointer - begin] and "'" not in line[: where.pointer - begin]:
        return None
    last = None
    try:
        for token in yaml.scan(where.buffer[:-1], Loader=yaml.SafeLoader):
            if token.start_mark.pointer >= where.pointer:
                break
            last = token
    except yaml.YAMLError:
        pass  # the scan stops at the same error: `last` is the token before it
    if not (isinstance(last, yaml.ScalarToken) and last.style in ('"', "'")):
        return None
    start, end = last.start_mark, last.end_mark
    if start.line == end.line or end.line != where.line:
        return None
    quote = last.style
    return SyntaxProblem(
        _syntax(
            file,
            start.line,
            start.column,
            f"dấu nháy «{quote}» mở ở đây không được đóng trên dòng này, nên YAML đọc tiếp sang dòng {end.line + 1} đến dấu "
            "nháy kế tiếp và hiểu sai phần giữa.",
            f"thêm «{quote}» ở cuối giá trị; nếu giá trị có dấu nháy bên trong, viết nó trong khối `|`",
        ),
        start.line,
    )


def _flow(start: yaml.Mark, where: yaml.Mark, file: str, sequence: bool) -> SyntaxProblem:
    """A `[…]` or `{…}` list written on one line that is not closed, or lacks a comma."""
    opening, closing = ("[", "]") if sequence else ("{", "}")
    what = "ngoặc vuông" if sequence else "ngoặc nhọn"
    if where.line != start.line:
        return _said(
            file,
            start,
            f"{what} «{opening}» mở ở đây chưa được đóng trên cùng dòng.",
            f"thêm «{closing}» ở cuối; mục có dấu «,», «:», «{opening}», «{closing}» thì đặt trong dấu nháy kép; danh sách dài thì "
            "viết mỗi mục một dòng bắt đầu bằng «- »",
        )
    char = _char(where)
    return _said(
        file,
        where,
        f"trong «{opening}…{closing}», các mục cách nhau bằng dấu phẩy; YAML gặp «{char}» ở chỗ cần dấu phẩy hoặc «{closing}».",
        f"mục có dấu «,», «:», «{opening}», «{closing}» thì đặt trong dấu nháy kép, hoặc viết mỗi mục một dòng bắt đầu bằng «- »",
    )


def _missing_value(where: yaml.Mark, file: str) -> SyntaxProblem:
    """A comma or closing bracket where YAML needs a value: `[a, , b]`, `a: ]`."""
    char = _char(where)
    if char == ",":
        return _said(
            file,
            where,
            "thiếu một mục trước dấu phẩy này (hai dấu phẩy liền nhau, hoặc dấu phẩy ngay sau «[»).",
            "xóa dấu phẩy thừa",
        )
    if char in "]}":
        opening = "[" if char == "]" else "{"
        return _said(
            file,
            where,
            f"dấu «{char}» này không có dấu «{opening}» mở tương ứng.",
            f"xóa «{char}»; " + _QUOTE_HINT,
        )
    return _said(file, where, f"YAML cần một giá trị ở đây nhưng gặp «{char}».", _QUOTE_HINT)
