"""`baocao nhap`: read last year's Word report and write the unit profile and the period file.

A clerk's first meeting with the tool starts from a .docx typed by hand; this package turns it into
data files so the next period starts with `init --from` like any other.
"""
