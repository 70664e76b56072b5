"""The navigation is rendered once per language, duties and menus turned on and reused: every page still shows
each account its own menus, in its language, with the page's menu active and the unread counts of now."""
import re

from models import SupportNotice
from portal.extensions import db

from ..conftest import make_user
from .test_staff import NEW_STAFF


def nav(html: str) -> str:
    found = re.search(r'<nav class="menus".*?</nav>', html, re.S)
    assert found, "no navigation on the page"
    return found.group(0)


def menus(html: str) -> list[str]:
    return re.findall(r'data-menu="(\w+)"', nav(html))


def active(html: str) -> list[str]:
    return re.findall(r'<li class="menu active">\s*<a href="[^"]+" data-menu="(\w+)"', nav(html))


def test_each_account_sees_its_own_menus_page_after_page(client, auth, seller, staff):
    make_user("sellerAprod", seller, duties=["products"])
    logistics_browser, products_browser = client.application.test_client(), client.application.test_client()
    auth.login()
    auth.login("sellerAstaff", client=logistics_browser)
    auth.login("sellerAprod", client=products_browser)
    for _ in range(2):  # the second round is served from the kept renderings
        full = client.get("/dashboard").get_data(as_text=True)
        logistics = logistics_browser.get("/dashboard").get_data(as_text=True)
        goods = products_browser.get("/dashboard").get_data(as_text=True)
        assert {"orders", "products", "account"} <= set(menus(full))
        assert "orders" in menus(logistics) and "products" not in menus(logistics)
        assert "products" in menus(goods) and "orders" not in menus(goods)
        assert 'href="/account/users"' in nav(full) and 'href="/account/users"' not in nav(logistics)


def test_changed_duties_change_the_menus_on_the_next_page(client, auth, seller, staff):
    auth.login("sellerAstaff")
    assert "products" not in menus(client.get("/orders/process").get_data(as_text=True))
    master = client.application.test_client()
    auth.login(client=master)
    resp = master.post(f"/account/users/{staff.id}", data={
        **NEW_STAFF, "login_id": staff.login_id, "password": "", "password2": "",
        "duties": ["products"], "access": "yes"})
    assert resp.status_code == 302
    shown = menus(client.get("/products/search").get_data(as_text=True))
    assert "products" in shown and "orders" not in shown


def test_language_switch_gives_the_english_navigation(client, auth, seller):
    auth.login()
    korean = nav(client.get("/orders/process").get_data(as_text=True))
    assert ">주문관리<" in korean and ">Orders<" not in korean
    client.post("/language/en")
    english = nav(client.get("/orders/process").get_data(as_text=True))
    assert ">Orders<" in english and ">주문관리<" not in english
    assert active(client.get("/orders/process").get_data(as_text=True)) == ["orders"]
    client.post("/language/ko")
    assert ">주문관리<" in nav(client.get("/orders/process").get_data(as_text=True))


def test_the_page_s_own_menu_is_the_active_one(client, auth, seller):
    auth.login()
    assert active(client.get("/orders/process").get_data(as_text=True)) == ["orders"]
    assert active(client.get("/products/search").get_data(as_text=True)) == ["products"]
    assert active(client.get("/statistics/period").get_data(as_text=True)) == ["statistics"]
    assert active(client.get("/dashboard").get_data(as_text=True)) == []
    assert active(client.get("/orders/").get_data(as_text=True)) == ["orders"]


def test_a_menu_the_company_turns_on_appears_at_once(client, auth, seller):
    auth.login()
    assert "warehouse" not in menus(client.get("/dashboard").get_data(as_text=True))
    seller.warehouse_enabled = True
    db.session.commit()
    html = client.get("/dashboard").get_data(as_text=True)
    assert "warehouse" in menus(html) and 'href="/warehouse/"' in html  # the nav and the menu cards


def test_unread_notice_count_is_live(client, auth, seller, support):
    auth.login()
    assert "data-badge" not in client.get("/orders/process").get_data(as_text=True)
    db.session.add(SupportNotice(title="시스템 점검 안내", body_html="<p>점검</p>"))
    db.session.commit()
    html = nav(client.get("/orders/process").get_data(as_text=True))
    assert 'data-badge="addons">1<' in html and 'data-badge="addons.notices">1<' in html
    notice = db.session.query(SupportNotice).one()
    client.get(f"/addons/notices/{notice.id}")  # read: the count goes
    assert "data-badge" not in client.get("/orders/process").get_data(as_text=True)
