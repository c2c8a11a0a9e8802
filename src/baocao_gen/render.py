"""Stage 4, render: choose and check the frame template, fill its own tags with docxtpl, add the body.

docxtpl is used only as an engine, and only here, and only for the frame's own tags. Its silent
defaults are switched off: autoescape on (else `&` vanishes and a `<` deletes its paragraph),
StrictUndefined (else a missing value prints as nothing), a sandboxed environment. Nothing a clerk
typed is rewritten by its text passes: the body and the trích yếu reach the package as elements the
OOXML writer built, put where the frame's slots are after docxtpl is done (ooxml.slots); the frame's
values (names, Nơi nhận, ngày…) are written with their braces and `%` as character references, which those passes do not match and every XML reader turns back into text.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections import OrderedDict
from collections.abc import Mapping, MutableMapping
from datetime import datetime
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from .codes import Code
from .compute import Plan
from .diagnostics import Diagnostic, Location, Severity
from .loader import location_of
from .model import BaoCao
from .ooxml.body import block_markup, footnotes_part, inline_markup
from .ooxml.contract import Finding, check_template
from .ooxml.frame import FrameSpec, frame_of_bytes
from .ooxml.geometry import HeaderGeometry
from .ooxml.inspect import inspect_template
from .ooxml.measure import known_font
from .ooxml.package import finish_package
from .ooxml.slots import paragraph_marker, run_marker
from .ooxml.style_ids import read_template
from .ooxml.units import Length, twips
from .resources import template_path

__all__ = ["MAU_KEY", "prepare_template", "render_plan", "template_bytes"]

MAU_KEY = "mau"  # the profile key naming an office's own template

# The frame templates may be opened in Word to change a font (README); a tag broken there is the
# template's problem, said in Vietnamese, with Jinja's own words kept only as the detail.
_TEMPLATE_HINT = "mở mẫu bằng Word và xem lại các thẻ trong {{ }} hoặc {% %} vừa sửa, hoặc cài lại baocao-gen để có lại mẫu gốc"
# docxtpl's passes over rendered text (`{_{` → `{{`…) match these characters; as references they pass untouched.
_LITERAL = str.maketrans({"{": "&#123;", "}": "&#125;", "%": "&#37;"})
_BODY_SLOTS = ("mo_dau", "noi_dung", "ket_thuc", "phu_luc")
_RUN_SLOTS = ("trich_yeu",)
_PROPERTY_WORDS = {"font": "phông chữ", "size": "cỡ chữ", "bold": "chữ đậm", "italic": "chữ nghiêng"}
_YES_NO = {"True": "có", "False": "không"}
_MARGIN_WORDS = {"top": "lề trên", "bottom": "lề dưới", "left": "lề trái", "right": "lề phải"}


class _CompileOnceEnvironment(SandboxedEnvironment):
    """Our sandboxed Jinja environment, which compiles a given template source once per process.

    docxtpl calls `from_string` on every part it renders (the main document, each header and footer,
    six core properties) on every render, and Jinja compiles each source to Python every time: about
    a third of docxtpl's own time for the frame (Phổ Hòa: 9 compilations, ~7 ms of a ~20 ms render,
    process CPU time). `watch` and `batch` render the same frame again and again, so the compiled code
    is kept, keyed by the source text itself: a changed template gives another text and so another
    entry, and a stale answer is impossible. Only the code is shared; every call still builds a fresh
    `Template` (a fresh namespace), exactly as `from_string` does. Bounded, least recently used first.
    """

    CACHED_SOURCES = 64  # a frame has about 9 sources; a few templates in one `watch`/`batch` process

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self._code: OrderedDict[str, CodeType] = OrderedDict()

    def from_string(
        self,
        source: str | nodes.Template,
        globals: MutableMapping[str, Any] | None = None,  # noqa: A002 - Jinja's own parameter name
        template_class: type[jinja2.Template] | None = None,
    ) -> jinja2.Template:
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        code = self._code.get(source)
        if code is None:
            code = self.compile(source)
            self._code[source] = code
            if len(self._code) > self.CACHED_SOURCES:
                self._code.popitem(last=False)
        else:
            self._code.move_to_end(source)
        return self.template_class.from_code(self, code, self.make_globals(None), None)


@functools.cache
def _environment() -> SandboxedEnvironment:
    """Return the one environment of the process (autoescape on, StrictUndefined, sandboxed): its compiled
    sources are reused by every render (see `_CompileOnceEnvironment`)."""
    return _CompileOnceEnvironment()


def _literal(value: Any) -> Any:
    """Return `value` with every string escaped for XML and made immune to docxtpl's text passes."""
    if isinstance(value, str):
        return Markup(str(escape(value)).translate(_LITERAL))
    if isinstance(value, Mapping):
        return {key: _literal(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_literal(item) for item in value]
    return value


# -- choosing and checking the template ---------------------------------------------------------------
@functools.cache
def _builtin_style_names() -> dict[str, str]:
    """Return the names the built-in templates give their styles (what a designer sees in Word's list)."""
    names: dict[str, str] = {}
    for system in ("nha_nuoc", "dang"):
        sheet = inspect_template(template_path(system).read_bytes()).styles
        names.update({ident: sheet.name(ident) or ident for ident in sheet.ids()})
    return names


def _style_label(style_id: str) -> str:
    name = _builtin_style_names().get(style_id)
    return f"«{name}» (mã {style_id})" if name and name != style_id else f"«{style_id}»"


def _finding_diagnostic(finding: Finding, where: Location, template: str, value: str | None) -> Diagnostic:
    """Return a finding of the template contract in a clerk's (or a designer's) words."""
    if finding.kind == "missing_tag":
        return Diagnostic(
            Code.TEMPLATE_MISSING_TAG,
            f"mẫu «{template}» thiếu thẻ {finding.subject}: phần văn bản điền vào thẻ này sẽ mất.",
            where,
            value,
            hint="gõ lại thẻ đúng như trong mẫu có sẵn (`baocao mau -o mau-goc.docx`), mỗi thẻ {%p …%} và {{p …}} một đoạn riêng",
        )
    if finding.kind == "missing_style":
        return Diagnostic(
            Code.TEMPLATE_MISSING_STYLE,
            f"mẫu «{template}» thiếu kiểu (style) {_style_label(finding.subject)}.",
            where,
            value,
            hint="đừng xóa hay đổi tên các kiểu của mẫu gốc; chỉ sửa phông, cỡ chữ của chúng (xem docs/mau-van-ban.md)",
        )
    if finding.kind == "style":
        found, expected = finding.found, finding.expected
        if finding.what in ("bold", "italic"):
            found, expected = _YES_NO.get(found, found), _YES_NO.get(expected, expected)
        unit = " pt" if finding.what == "size" else ""
        return Diagnostic(
            Code.TEMPLATE_OFF_FORMAT,
            f"mẫu «{template}»: kiểu {_style_label(finding.subject)} có {_PROPERTY_WORDS[finding.what]} {found}{unit}, "
            f"thể thức quy định {expected}{unit}.",
            where,
            value,
            hint="vẫn sinh được văn bản; sửa kiểu này trong Word nếu văn bản phải đúng thể thức",
            severity=Severity.WARNING,
        )
    if finding.what == "page_number":
        message = "không đánh số trang ở giữa lề trên từ trang 2 (trang 1 không có số)."
    elif finding.what == "size":
        message = f"khổ giấy {finding.found or 'không đọc được'}, thể thức quy định A4 ({finding.expected})."
    else:
        message = f"{_MARGIN_WORDS.get(finding.what, finding.what)} {finding.found}, thể thức quy định {finding.expected}."
    return Diagnostic(
        Code.TEMPLATE_OFF_FORMAT,
        f"mẫu «{template}»: {message}",
        where,
        value,
        hint="vẫn sinh được văn bản; sửa trong Word (Bố cục → Lề, Chèn → Số trang) nếu văn bản phải đúng thể thức",
        severity=Severity.WARNING,
    )


def _font_diagnostic(fonts: list[Finding], where: Location, template: str, value: str | None) -> Diagnostic:
    """Return one warning for every style whose font is not the decree's, naming the fonts found."""
    used = sorted({f.found for f in fonts})
    styles = ", ".join(_style_label(f.subject) for f in fonts[:4]) + ("…" if len(fonts) > 4 else "")
    return Diagnostic(
        Code.TEMPLATE_OFF_FORMAT,
        f"mẫu «{template}» dùng phông {', '.join(used)} (kiểu {styles}); thể thức quy định {fonts[0].expected}.",
        where,
        value,
        hint="vẫn sinh được văn bản; văn bản gửi đi phải dùng Times New Roman"
        + (
            ""
            if all(known_font(font) for font in used)
            else " (phông lạ: các đường kẻ ở đầu văn bản được đo theo bề rộng chữ Times New Roman)"
        ),
        severity=Severity.WARNING,
    )


def _chosen_template(report: BaoCao, tree: Any) -> tuple[Path, Location, list[Diagnostic]]:
    """Return the template of `report` and where it was named: the office's own (`mau`) or the built-in one."""
    builtin = template_path(report.he_thong)
    if not report.mau:
        return builtin, Location(str(builtin)), []
    where = location_of(tree, (MAU_KEY,)) if tree is not None else None
    where = where or Location(MAU_KEY, path=(MAU_KEY,))
    holder = Path(where.file).parent if where.line > 0 else Path.cwd()
    path = holder / report.mau
    if path.suffix.lower() != ".docx":
        return (
            path,
            where,
            [
                Diagnostic(
                    Code.TEMPLATE_UNREADABLE,
                    "mẫu văn bản phải là tệp Word .docx.",
                    where,
                    report.mau,
                    hint="lưu mẫu trong Word dưới dạng .docx (Word Document), không phải .doc, .dotx hay .odt",
                )
            ],
        )
    if not path.is_file():
        return (
            path,
            where,
            [
                Diagnostic(
                    Code.TEMPLATE_UNREADABLE,
                    f"không thấy tệp mẫu «{path}».",
                    where,
                    report.mau,
                    hint="đường dẫn tính từ thư mục chứa tệp ghi khóa mau; tạo mẫu bằng `baocao mau -o mau-cua-don-vi.docx`",
                )
            ],
        )
    return path, where, []


def template_bytes(path: Path) -> bytes:
    """Return a template's bytes with the style ids the renderer writes (a copy saved by LibreOffice
    renames them; see `ooxml.style_ids`), read once per file version."""
    return read_template(path, tuple(template_path(system) for system in ("nha_nuoc", "dang")))


def _findings(path: Path, system: str) -> tuple[Finding, ...]:
    """Return the contract findings of the template file `path`, read once per version of the file."""
    stat = path.stat()
    return _cached_findings(path.resolve(), stat.st_mtime_ns, stat.st_size, system)


@functools.lru_cache(maxsize=16)
def _cached_findings(path: Path, mtime_ns: int, size: int, system: str) -> tuple[Finding, ...]:
    return tuple(check_template(inspect_template(template_bytes(path)), system))


def prepare_template(
    report: BaoCao, tree: Any = None
) -> tuple[Path | None, FrameSpec | None, list[Diagnostic]]:
    """Return the frame template of `report`, its measurements and every way it breaks the contract.

    Problems point at the `mau` key's line when the office named its own template, so the clerk sees
    which file named it; the path and measurements are None when the template cannot be used.
    """
    path, where, problems = _chosen_template(report, tree)
    if problems:
        return None, None, problems
    try:
        findings = _findings(path, report.he_thong)
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return (
            None,
            None,
            [
                Diagnostic(
                    Code.TEMPLATE_UNREADABLE,
                    f"không mở được mẫu «{path.name}»: tệp không còn là tệp Word .docx hợp lệ.",
                    where,
                    report.mau,
                    hint="mở mẫu bằng Word rồi lưu lại dạng .docx, hoặc lấy lại mẫu gốc bằng `baocao mau`",
                )
            ],
        )
    fonts = [f for f in findings if f.kind == "style" and f.what == "font"]
    problems = [_finding_diagnostic(f, where, path.name, report.mau) for f in findings if f not in fonts]
    if fonts:  # one font set on Normal reaches every style: say it once
        problems.append(_font_diagnostic(fonts, where, path.name, report.mau))
    if any(problem.is_error for problem in problems):
        return None, None, problems
    return path, frame_of_bytes(template_bytes(path), report.he_thong), problems


# -- rendering ------------------------------------------------------------------------------------
def _template_variables(template: Path) -> frozenset[str]:
    """Return every variable the template's tags use, parsed once per template file and version.

    docxtpl parses the whole template with Jinja to answer; `watch` and `batch` render one template
    again and again, and an office's template may change between two renders of one process.
    """
    stat = template.stat()
    return _variables_of(template.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _variables_of(template: Path, mtime_ns: int, size: int) -> frozenset[str]:
    document = DocxTemplate(io.BytesIO(template_bytes(template)))
    return frozenset(document.get_undeclared_template_variables(_environment()))


def _geometry(values: dict[str, Any]) -> HeaderGeometry | None:
    """The header's measured widths in twips, from the frame values compute made (None in a plan made
    without them, e.g. by a test)."""
    keys = ("cot_trai", "cot_phai", "le_gach_ban_hanh", "le_gach_quoc_hieu", "le_gach_trich_yeu")
    if not all(isinstance(values.get(key), Length) for key in keys):
        return None
    left, right, issuer, motto, summary = (twips(values[key].points) for key in keys)
    return HeaderGeometry(left, right, issuer, motto, summary)


def render_plan(
    plan: Plan, template: Path, stamp: datetime, title: str, properties: Mapping[str, str] | None = None
) -> tuple[bytes | None, list[Diagnostic]]:
    """Return the .docx bytes of `plan` rendered into `template`, or the template's problems.

    `properties`: custom properties recorded in the package outside its fingerprint (the typed figures,
    `changes.figures_property`)."""
    where = Location(str(template))
    try:
        document = DocxTemplate(io.BytesIO(template_bytes(template)))
        document.init_docx()
    except Exception as exc:  # a missing or corrupt .docx is the template's problem, not a crash
        return None, [
            Diagnostic(
                Code.TEMPLATE_UNREADABLE,
                f"không mở được mẫu .docx: tệp không có, hoặc không còn là tệp Word hợp lệ (chi tiết bằng tiếng Anh: {exc}).",
                where,
                hint="cài lại baocao-gen để có lại mẫu gốc",
            )
        ]
    context = _literal(dict(plan.values))
    context.update({slot: Markup(paragraph_marker(slot)) for slot in _BODY_SLOTS})
    context.update({slot: Markup(run_marker(slot)) for slot in _RUN_SLOTS})
    env = _environment()
    try:
        missing = set(_template_variables(template)) - set(context)
    except jinja2.TemplateSyntaxError as exc:
        return None, [
            Diagnostic(
                Code.TEMPLATE_ERROR,
                f"mẫu có thẻ {{{{ … }}}} hoặc {{% … %}} viết sai (chi tiết bằng tiếng Anh: {exc.message}).",
                where,
                hint=_TEMPLATE_HINT,
            )
        ]
    missing -= {"dong"}  # loop variables of the template itself
    if missing:
        return None, [
            Diagnostic(
                Code.TEMPLATE_UNDEFINED,
                f"mẫu dùng giá trị không có: {', '.join(sorted(missing))}.",
                where,
                hint="sửa tên biến trong mẫu",
            )
        ]
    try:
        document.render(context, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
        frame = buffer.getvalue()
    except jinja2.TemplateError as exc:
        return None, [
            Diagnostic(
                Code.TEMPLATE_ERROR,
                f"không điền được mẫu (chi tiết bằng tiếng Anh: {exc}).",
                where,
                hint=_TEMPLATE_HINT,
            )
        ]
    # docxtpl's document holds every part of the frame parsed: let it go before the body's trees are built,
    # so that the two are never held at once (the peak of a render is then the body's, not both).
    del document, buffer
    data = finish_package(
        frame,
        geometry=_geometry(plan.values),
        blocks={slot: block_markup(plan.slots.get(slot, [])) for slot in _BODY_SLOTS},
        runs={"trich_yeu": inline_markup(plan.trich_yeu)},
        footnotes=footnotes_part(plan.footnotes) if plan.footnotes else None,
        orientation=plan.final_orientation,
        restart=plan.final_restart,
        stamp=stamp,
        title=title,
        properties=properties,
    )
    return data, []
