"""A package unzipped and its XML parts parsed once, for every reader of one produced .docx.

Verify reads each output twice over: its own facts (`inspect.inspect_package`) and `check`'s format
audit (`reader`). Each used to unzip the package and parse the main document again; both now take
the same `ParsedPackage`. The trees are read, never changed, so sharing them is safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .package import read_parts

__all__ = ["ParsedPackage", "parse_package"]

# Strict: no entities, no recovery; broken XML is a finding, never repaired on the way in.
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=False, remove_blank_text=False)


@dataclass(frozen=True)
class ParsedPackage:
    """Every part of a package by name (archive order), and the tree of each XML part that parses."""

    parts: dict[str, bytes]
    trees: dict[str, etree._Element]
    unparsable: tuple[tuple[str, str], ...]  # (part, the parser's message)


def parse_package(data: bytes) -> ParsedPackage:
    """Return the parts of a package and their trees; raise `zipfile.BadZipFile` when it is no zip."""
    parts = read_parts(data)
    trees: dict[str, etree._Element] = {}
    unparsable: list[tuple[str, str]] = []
    for name, content in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.fromstring(content, _PARSER)
            except etree.XMLSyntaxError as exc:
                unparsable.append((name, str(exc)))
    return ParsedPackage(parts, trees, tuple(unparsable))
