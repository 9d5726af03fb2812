"""jxc print / jxc labels on the demo company: PDFs whose text reads back in Chinese."""

import subprocess

from jxc_desktop.cli import main
from jxc_desktop.engine.company import CompanySetup


def test_demo_print_and_labels(tmp_path, capsys):
    from jxc_desktop.engine.demo import build_demo
    from jxc_desktop.engine.session import close_company, open_company

    db = tmp_path / "demo.sqlite"
    open_company(db, create=True)
    build_demo(CompanySetup(name="演示公司", start_period="2026-08"))
    close_company()
    assert main(["--db", str(db), "check"]) == 0
    from jxc_desktop.models.documents import Document

    open_company(db)
    number = Document.get((Document.doc_type == "CGRK") & (Document.status == "approved")).number
    close_company()
    pdf = tmp_path / "doc.pdf"
    assert main(["--db", str(db), "print", "doc", number, "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "采购入库单" in text and number in text
    rep = tmp_path / "balance.pdf"
    assert main(["--db", str(db), "print", "report", "stock-balance", "-o", str(rep)]) == 0
    assert (
        "库存余额表"
        in subprocess.run(["pdftotext", str(rep), "-"], capture_output=True, text=True).stdout
    )
    labels = tmp_path / "labels.pdf"
    assert main(["--db", str(db), "labels", "--doc", number, "-o", str(labels)]) == 0
    assert labels.stat().st_size > 1000
