"""Spreadsheet interchange: the document import sheet (DOMAIN.md, Interchange)."""
