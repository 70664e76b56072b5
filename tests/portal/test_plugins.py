"""Menus are plugins: the nav is built from them, and a new menu package touches no core file."""
import importlib
import sys
import textwrap

import pytest

import blueprints
from portal import create_app

SEVEN = ["상품정보관리", "판매상품관리", "주문관리", "문의관리", "통계관리", "부가서비스", "기본정보관리"]

QUOTES_MENU = textwrap.dedent('''
    """견적관리: a throw-away menu used to prove plugins need no core change."""
    from flask import render_template_string
    from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

    bp = menu_blueprint("quotes", __name__)
    plugin = MenuPlugin(name="quotes", title="견적관리", order=65, blueprint=bp,
                        duty=("sales",),
                        items=[MenuItem("견적목록", "quotes.list_quotes"),
                               MenuItem("견적통계", "quotes.not_built_yet")])

    @bp.get("/list")
    def list_quotes():
        return render_template_string("<h1>견적목록</h1>")
''')


def nav_titles(html):
    import re

    return re.findall(r'data-menu="\w+">([^<]+)</a>', html)


def test_top_navigation_shows_the_seven_menus_in_order(client, auth, seller):
    auth.login()
    titles = nav_titles(client.get("/dashboard").get_data(as_text=True))
    assert [t for t in titles if t in SEVEN] == SEVEN
    # Beyond ImSeller only the fulfilment and warehouse menus of DOMAIN.md may join them.
    assert set(titles) - set(SEVEN) <= {"배송관리", "창고관리"}


def test_sub_menus_link_only_to_pages_that_exist(app, client, auth, seller):
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    import re

    for href in set(re.findall(r'<li><a href="(/[^"]+)">', html)):
        assert client.get(href).status_code == 200, href
    # 사용자권한관리 exists and is linked; an unbuilt page is only named on its menu home.
    assert 'href="/account/users"' in html
    menus = app.extensions["menus"]
    unbuilt = [i for p in menus.values() for i in p.items if i.endpoint not in app.view_functions]
    for item in unbuilt:
        assert f">{item.title}</a>" not in html


@pytest.fixture
def quotes_package(tmp_path, monkeypatch):
    """Drop a menu package into blueprints/ (through its search path), as a developer would."""
    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "__init__.py").write_text(QUOTES_MENU, encoding="utf-8")
    monkeypatch.setattr(blueprints, "__path__", [*blueprints.__path__, str(tmp_path)])
    yield
    sys.modules.pop("blueprints.quotes", None)


def test_a_dropped_in_menu_package_plugs_itself_in(quotes_package, app_config, seller):
    from portal.extensions import db
    from ..conftest import make_user

    app = create_app(app_config)
    with app.app_context():
        make_user("quotestaff", db.session.merge(seller), duties=["sales"])
        make_user("orderstaff", db.session.merge(seller), duties=["logistics"])
    client = app.test_client()
    client.post("/login", data={"login_id": "quotestaff", "password": "Passw0rd!"})
    html = client.get("/dashboard").get_data(as_text=True)
    assert nav_titles(html).index("견적관리") == nav_titles(html).index("부가서비스") + 1
    assert 'href="/quotes/list"' in html and "견적통계" not in html.split("<main")[0]
    assert client.get("/quotes/list").status_code == 200
    # The guard came with menu_blueprint(): other duties and anonymous users are kept out.
    other = app.test_client()
    other.post("/login", data={"login_id": "orderstaff", "password": "Passw0rd!"})
    assert other.get("/quotes/list").status_code == 403
    assert app.test_client().get("/quotes/list").status_code == 302


def test_an_installed_add_on_plugs_in_through_its_entry_point(tmp_path, monkeypatch, app_config,
                                                             seller):
    package = tmp_path / "addon_quotes"
    package.mkdir()
    (package / "__init__.py").write_text(QUOTES_MENU, encoding="utf-8")
    dist = tmp_path / "addon_quotes-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: addon-quotes\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[seller_portal.menus]\nquotes = addon_quotes:plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    try:
        app = create_app(app_config)
        assert "quotes" in app.extensions["menus"]
        assert "quotes.list_quotes" in app.view_functions
    finally:
        sys.modules.pop("addon_quotes", None)
