"""Everything that knows WordprocessingML lives in this package, and nowhere else.

Other modules speak in document-tree terms (paragraphs, runs, tables, sections); the tag names, the
schema order of properties and the package plumbing (parts, relationships, content types) are here.
"""
