"""An English reader's pages: every menu page of every menu shows no Korean words of ours.

The seller's own data here is ASCII, so Hangul left on a page is a word the portal forgot to
translate, except data the portal shows as it is: names of Korean companies and places
(marketplaces, couriers, Coupang centres) and the shipped reference data (the category tree,
the 품목고시 items defined by Korean regulation). The language switch shows 한국어 on purpose.
"""
import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po
from flask import url_for

from blueprints.orders.services.couriers import couriers
from blueprints.products.services.reference import category_tree, notice_groups
from models import CoupangCentre, User
from portal.extensions import db
from portal.marketplaces import discover_adapters
from tests.conftest import make_tenant, make_user
from tests.portal.test_translations import PO

HANGUL = re.compile(r"[\uac00-\ud7a3]+")
SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "data-confirm")


class VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes and labelling attributes, not scripts or values.

    Content marked translate="no" (a file's column names, template variables) is data too.
    """

    def __init__(self):
        super().__init__()
        self.pieces, self._skip, self._open = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea") or ("translate", "no") in attrs:
            self._skip += 1
            self._open.append(tag)
        self.pieces += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if self._open and tag == self._open[-1]:
            self._open.pop()
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.pieces.append(data)


def korean_words(html: str, data_names=()) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    names = sorted(set(data_names) | {"한국어"}, key=len, reverse=True)
    words = []
    for piece in parser.pieces:
        for name in names:
            piece = piece.replace(name, " ")
        words += HANGUL.findall(piece)
    return words


def data_names() -> set[str]:
    """Names shown as data: companies and places, and the shipped reference data sets."""
    names = {c.name for c in couriers()} | {c.display_name for c in discover_adapters().values()}
    names |= {c.name for c in CoupangCentre.query}

    def walk(nodes):
        for node in nodes:
            names.add(node["name"])
            walk(node.get("children", []))

    walk(category_tree())
    # Values a seller must type in Korean (해당없음, 국내산): the English text quotes them on purpose.
    with open(PO, "rb") as handle:
        names.update(w for m in read_po(handle) if isinstance(m.string, str) for w in HANGUL.findall(m.string))
    for group in notice_groups():
        names.add(group["name"])
        names.update(f["label"] for f in group["fields"])
    return names


def test_the_check_finds_korean_text_and_labels_but_not_values():
    assert korean_words('<p>주문</p><input placeholder="검색어" value="가나다">') == ["주문", "검색어"]
    assert korean_words('<button class="link">한국어</button><script>var a = "가";</script>') == []
    assert korean_words("<td>CJ대한통운 · 배송중</td>", {"CJ대한통운"}) == ["배송중"]
    assert korean_words('<p>열: <span translate="no">주문번호, 택배사</span> 끝</p>') == ["열", "끝"]


@pytest.fixture
def english_seller(app):
    tenant = make_tenant(name="Example Trading")
    tenant.ceo_name, tenant.address, tenant.warehouse_enabled = "Kim", "1 Example-ro, Seoul", True
    user = make_user("englishmaster", tenant, master=True)
    user.locale = "en"
    db.session.commit()
    return user


def _menu_pages(app) -> list[tuple[str, str]]:
    with app.test_request_context():
        return [(plugin.name, url_for(item.endpoint)) for plugin in app.extensions["menus"].values()
                for item in plugin.items if item.endpoint in app.view_functions]  # some are still to come


def test_every_menu_page_reads_english_for_an_english_account(app, client, auth, english_seller):
    auth.login("englishmaster")
    pages = _menu_pages(app)
    assert {menu for menu, _url in pages} >= {"account", "addons", "fulfilment", "inquiries", "orders",
                                              "products", "sales", "statistics", "warehouse"}
    leftovers, names = {}, data_names()
    for _menu, url in pages:
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.get_data(as_text=True)
        assert '<html lang="en">' in html, url
        if words := korean_words(html, names):
            leftovers[url] = sorted(set(words))
    assert leftovers == {}, "\n".join(f"{u}: {' '.join(w)}" for u, w in leftovers.items())


def test_every_menu_home_reads_english_with_its_hints(app, client, auth, english_seller):
    """A menu's own page (its sub-menus and 이용 유의사항) speaks English too."""
    auth.login("englishmaster")
    with app.test_request_context():
        homes = {name: url_for(f"{name}.index") for name in app.extensions["menus"]}
    leftovers, names = {}, data_names()
    for name, url in homes.items():
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.get_data(as_text=True)
        if words := korean_words(html, names):
            leftovers[url] = sorted(set(words))
    assert leftovers == {}, "\n".join(f"{u}: {' '.join(w)}" for u, w in leftovers.items())
    orders = client.get(homes["orders"]).get_data(as_text=True)
    assert 'class="hints"' in orders and "15 minutes" in orders


def test_the_same_pages_stay_korean_by_default(app, client, auth, seller):
    auth.login()
    html = client.get("/orders/process").get_data(as_text=True)
    assert "주문확인/처리" in html and "Order confirmation" not in html
    assert User.query.filter_by(login_id="sellerAmaster").one().locale == "ko"


@pytest.mark.parametrize("channel", ["naver", "coupang", "gmarket", "11st", "rakuten", "amazonjp",
                                     "interpark", "buyma"])
def test_a_channel_account_form_reads_english_with_its_key_help(client, auth, english_seller, channel):
    auth.login("englishmaster")
    resp = client.get(f"/account/channels/{channel}/new")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and '<html lang="en">' in html and "how to get the keys" in html
    assert korean_words(html, data_names()) == []


def test_the_korean_help_fills_in_the_channel_and_its_menu(client, auth, english_seller):
    english_seller.locale = "ko"
    db.session.commit()
    auth.login("englishmaster")
    html = client.get("/account/channels/interpark/new").get_data(as_text=True)
    assert "1. 인터파크 판매자 화면에 로그인합니다." in html and "2. 판매자센터 &gt; 연동관리 메뉴에서" in html
    html = client.get("/account/channels/gmarket/new").get_data(as_text=True)
    assert "먼저 만들고 G마켓 판매자 아이디를 연결합니다." in html and "ESM PLUS에 로그인하는 마스터 ID" in html


def test_the_english_help_fills_in_the_channel_and_its_translated_menu(client, auth, english_seller):
    auth.login("englishmaster")
    html = client.get("/account/channels/interpark/new").get_data(as_text=True)
    assert "1. Log in to the 인터파크 seller screen." in html
    assert "2. Apply for an Open API (integration) key under Seller center &gt; Integration management." in html
    html = client.get("/account/channels/auction/new").get_data(as_text=True)
    assert "link your 옥션 seller ID." in html and "The Auction seller ID linked to the master ID" in html
