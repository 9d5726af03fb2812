"""What the program itself writes into a new company follows the language it is set up in."""

from jxc_desktop.engine.company import CompanySetup, init_company
from jxc_desktop.engine.i18n import set_language
from jxc_desktop.engine.session import close_company, open_company
from jxc_desktop.models.company import User


def _admin_name(tmp_path, language: str) -> str:
    set_language(language)
    try:
        open_company(tmp_path / f"{language}.sqlite", create=True)
        init_company(CompanySetup(name="Shop", start_period="2026-01"))
        return User.get(User.username == "admin").display_name
    finally:
        close_company()
        set_language("zh_CN")


def test_the_administrator_is_named_in_the_setup_language(tmp_path):
    assert _admin_name(tmp_path, "en") == "Administrator"
    assert _admin_name(tmp_path, "zh_CN") == "系统管理员"
