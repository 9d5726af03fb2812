"""Printing: business papers, report PDFs and barcode labels (reportlab, no Qt).

- `fonts`: the bundled CJK font, registered once and embedded in every PDF.
- `layout`: the page framework (company header, title, page numbers, watermark,
  header-field grid, lines table with a repeated header, signatures row).
- `document_pdf.render_document(doc_id, path)`: any document (单据).
- `report_pdf.render_report(report, rows, params, path)`: any registered report.
- `labels.render_labels(requests, layout, path, options)`: barcode labels.
"""
