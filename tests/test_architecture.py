"""The shape of the package: no import cycles, and OOXML only under `ooxml/`.

These are the two promises of the README's module map that a careless import or a quick fix in the
wrong module would break without any output changing, so they are checked on the source itself.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "baocao_gen"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _module_level(statements: list[ast.stmt]) -> list[ast.stmt]:
    """Return the statements run when a module is imported: not function or class bodies (their imports
    wait for a call) and not `if TYPE_CHECKING:` blocks (never run)."""
    out: list[ast.stmt] = []
    for stmt in statements:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test):
            out += _module_level(stmt.orelse)
            continue
        out.append(stmt)
        for block in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(stmt, block, None)
            if isinstance(stmt, ast.Try | ast.If | ast.With) and inner:
                out += _module_level(
                    [
                        s
                        for item in inner
                        for s in (item.body if isinstance(item, ast.ExceptHandler) else [item])
                    ]
                )
    return out


def _imports(path: Path) -> set[str]:
    """Return the package modules `path` imports when it is imported (module level only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if _is_package(path) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _module_level(tree.body):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("baocao_gen"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("baocao_gen"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {target for target in _imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle of module-level imports, or None (a package importing its own parts is not one)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if node.startswith(target + "."):  # a submodule reading its package's __init__
                continue
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


OOXML_MARKS = re.compile(r"""["'](?:w|r|wp|a|mc):[A-Za-z]|schemas\.openxmlformats\.org|\bqn\(""")


def test_no_module_outside_ooxml_names_a_tag_or_namespace():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "ooxml" in path.relative_to(PACKAGE).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if OOXML_MARKS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "OOXML outside ooxml/:\n" + "\n".join(found)


def test_the_ooxml_scan_would_find_a_tag():
    assert OOXML_MARKS.search('body.iter(qn("w:p"))') and OOXML_MARKS.search(
        '"http://schemas.openxmlformats.org/x"'
    )
    assert not OOXML_MARKS.search('"w: 5"') and not OOXML_MARKS.search("tw: twips")


def _module_map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| stage | modules | job |") :]
    return table[: table.index("\n\n")]


def test_the_readme_module_map_names_every_module_and_only_modules_that_exist():
    """The developer part's map is the newcomer's way in: a module missing from it, or a name in it that
    is no module, makes it lie. A package (`check/`) covers its modules; `ooxml/x` names ooxml's."""
    rows = _module_map().split("\n")[2:]
    names = {name for row in rows for name in re.findall(r"`([a-z_/]+\*?)`", row.split(" | ")[1])}
    src = ROOT / "src" / "baocao_gen"
    modules = {
        p.relative_to(src).with_suffix("").as_posix()
        for p in src.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    packages = {
        p.parent.relative_to(src).as_posix() + "/" for p in src.rglob("__init__.py") if p.parent != src
    }
    covered = {
        m for m in modules if m in names or m.split("/")[0] + "/" in names and not m.startswith("ooxml/")
    }
    assert sorted(modules - covered) == []
    stale = [
        n
        for n in names
        if n.rstrip("*") not in modules
        and n not in packages
        and not any(m.startswith(n.rstrip("*")) for m in modules)
        and not any(f"{pkg}{n}" in modules for pkg in packages)  # a package's module named inside its row
    ]
    assert stale == []
