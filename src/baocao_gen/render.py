"""Stage 4, render: fill the frame template with docxtpl, then finish the package.

docxtpl is used only as an engine, and only here. Its silent defaults are switched off: autoescape
on (else `&` vanishes and a `<` deletes its paragraph), StrictUndefined (else a missing value prints
as nothing), a sandboxed environment. User text never becomes template code: the frame's values are
escaped strings, and the body arrives as WordprocessingML that the OOXML writer built and escaped.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .codes import Code
from .compute import Plan
from .diagnostics import Diagnostic, Location
from .ooxml.body import blocks_to_xml, footnotes_part, inlines_to_xml
from .ooxml.package import finish_package

__all__ = ["render_plan"]


# The frame templates may be opened in Word to change a font (README); a tag broken there is the
# template's problem, said in Vietnamese, with Jinja's own words kept only as the detail.
_TEMPLATE_HINT = "mở mẫu bằng Word và xem lại các thẻ trong {{ }} hoặc {% %} vừa sửa, hoặc cài lại baocao-gen để có lại mẫu gốc"


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_plan(plan: Plan, template: Path, stamp: datetime, title: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Return the .docx bytes of `plan` rendered into `template`, or the template's problems."""
    where = Location(str(template))
    try:
        document = DocxTemplate(str(template))
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
    context = dict(plan.values)
    context["trich_yeu"] = Markup(inlines_to_xml(plan.trich_yeu))
    for slot, blocks in plan.slots.items():
        context[slot] = Markup(blocks_to_xml(blocks))
    env = _environment()
    try:
        missing = document.get_undeclared_template_variables(env, context)
    except jinja2.TemplateSyntaxError as exc:
        return None, [Diagnostic(Code.TEMPLATE_ERROR, f"mẫu có thẻ {{{{ … }}}} hoặc {{% … %}} viết sai (chi tiết bằng tiếng Anh: {exc.message}).", where, hint=_TEMPLATE_HINT)]
    missing -= {"dong"}  # loop variables of the template itself
    if missing:
        return None, [
            Diagnostic(Code.TEMPLATE_UNDEFINED, f"mẫu dùng giá trị không có: {', '.join(sorted(missing))}.", where, hint="sửa tên biến trong mẫu")
        ]
    try:
        document.render(context, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
    except jinja2.TemplateError as exc:
        return None, [Diagnostic(Code.TEMPLATE_ERROR, f"không điền được mẫu (chi tiết bằng tiếng Anh: {exc}).", where, hint=_TEMPLATE_HINT)]
    footnotes = footnotes_part(plan.footnotes) if plan.footnotes else None
    data = finish_package(
        buffer.getvalue(),
        footnotes=footnotes,
        orientation=plan.final_orientation,
        restart=plan.final_restart,
        stamp=stamp,
        title=title,
    )
    return data, []
