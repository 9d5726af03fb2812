"""Bad files give a readable message and a non-zero exit, never a traceback."""

from jxc_desktop.cli import main


def test_not_a_database(tmp_path, capsys):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("garbage")
    assert main(["--db", str(junk), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "数据库" in err


def test_not_an_xlsx(company, tmp_path, capsys):
    from jxc_desktop.engine.session import close_company

    close_company()
    bad = tmp_path / "x.xlsx"
    bad.write_text("x")
    assert main(["--db", str(company), "--lang", "en", "import", "documents", str(bad)]) == 1
    assert "Not a valid Excel" in capsys.readouterr().err


def test_argument_errors_speak_the_chosen_language(capsys):
    import pytest

    with pytest.raises(SystemExit) as zh:
        main(["report"])
    assert zh.value.code == 2
    assert "缺少必需的参数：name" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "close"])
    assert "the following arguments are required: period" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang=en", "report", "stock-balance", "--format", "pdf"])
    assert "invalid choice" in capsys.readouterr().err
