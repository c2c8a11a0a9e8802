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

from .compute import Plan
from .diagnostics import Diagnostic, Location
from .ooxml.body import blocks_to_xml, footnotes_part, inlines_to_xml
from .ooxml.package import finish_package

__all__ = ["render_plan"]


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_plan(plan: Plan, template: Path, stamp: datetime, title: str) -> tuple[bytes | None, list[Diagnostic]]:
    """Return the .docx bytes of `plan` rendered into `template`, or the template's problems."""
    where = Location(str(template))
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except Exception as exc:  # a missing or corrupt .docx is the template's problem, not a crash
        return None, [Diagnostic("T200", f"không mở được mẫu .docx ({exc}).", where, hint="cài lại baocao-gen hoặc kiểm tra tệp mẫu")]
    context = dict(plan.values)
    context["trich_yeu"] = Markup(inlines_to_xml(plan.trich_yeu))
    for slot, blocks in plan.slots.items():
        context[slot] = Markup(blocks_to_xml(blocks))
    env = _environment()
    try:
        missing = document.get_undeclared_template_variables(env, context)
    except jinja2.TemplateSyntaxError as exc:
        return None, [Diagnostic("T201", f"mẫu có lỗi cú pháp Jinja: {exc.message}.", where)]
    missing -= {"dong"}  # loop variables of the template itself
    if missing:
        return None, [
            Diagnostic("T202", f"mẫu dùng giá trị không có: {', '.join(sorted(missing))}.", where, hint="sửa tên biến trong mẫu")
        ]
    try:
        document.render(context, jinja_env=env, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
    except jinja2.TemplateError as exc:
        return None, [Diagnostic("T201", f"lỗi khi điền mẫu: {exc}.", where)]
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
