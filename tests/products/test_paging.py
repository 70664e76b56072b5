"""Keyset paging of 상품조회, 상품복원 and 재고관리: every row once, in order, both ways."""
import html
import re
from datetime import datetime, timedelta

import pytest

from models import AddonGroup, AddonItem, Product, ProductOption
from models.base import utcnow
from portal.extensions import db

SORTS = {"code": "code", "name": "name", "own_code": "own_code", "price": "rep_price",
         "status": "status", "created": "created_at", "updated": "updated_at"}


def codes(resp) -> list[str]:
    return re.findall(r'<tr data-product="([^"]+)"', resp.get_data(as_text=True))


def flat(pages) -> list[str]:
    return [row for page in pages for row in page]


def link(resp, which: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" data-page="{which}">', resp.get_data(as_text=True))
    return html.unescape(found.group(1)) if found else None


def walk(client, url: str, which: str = "next", read=codes) -> list[list[str]]:
    pages = []
    while url:
        resp = client.get(url)
        assert resp.status_code == 200
        pages.append(read(resp))
        url = link(resp, which)
        assert len(pages) < 50, "the pager never ends"
    return pages


@pytest.fixture
def many(auth, seller):
    """121 live products with ties on every sort key, one deleted, and no own code on some."""
    auth.login()
    base = datetime(2026, 1, 1)
    for i in range(122):
        db.session.add(Product(
            tenant_id=seller.id, name=f"상품{i % 7}", code=f"C{i:05d}",
            own_code=f"O{i % 11:02d}{i:03d}" if i % 3 else None, rep_price=1000 * (i % 5),
            status="on" if i % 4 else "off", created_at=base + timedelta(days=i % 6),
            updated_at=base + timedelta(hours=i % 9),
            deleted_at=utcnow() if i == 121 else None))
    db.session.commit()
    return Product.query.filter(Product.deleted_at.is_(None)).all()


def _value(product, attr):
    value = getattr(product, attr)
    return "" if value is None else value  # no 자체상품코드 sorts as an empty one


def expected(products, key: str, descending: bool) -> list[str]:
    attr = SORTS[key]
    ordered = sorted(products, key=lambda p: (_value(p, attr), p.id), reverse=descending)
    return [p.code for p in ordered]


@pytest.mark.parametrize("key", list(SORTS))
@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_search_walks_every_product_once_in_order(client, many, key, direction):
    want = expected(many, key, direction != "asc")
    pages = walk(client, f"/products/search?sort={key}&dir={direction}")
    assert [len(p) for p in pages] == [50, 50, 21]
    assert flat(pages) == want
    last = client.get(f"/products/search?sort={key}&dir={direction}&last=1")
    backwards = walk(client, link(client.get(f"/products/search?sort={key}&dir={direction}"
                                             "&last=1"), "prev") or "", "prev")
    assert codes(last) == want[100:]
    assert flat(reversed(backwards)) == want[:100]


def test_search_pager_shows_position_and_total(client, many):
    first = client.get("/products/search")
    text = first.get_data(as_text=True)
    assert "<strong>1/3</strong>" in text and "전체 121건" in text
    assert link(first, "prev") is None and link(first, "first") is None
    second = client.get(link(first, "next"))
    assert "<strong>2/3</strong>" in second.get_data(as_text=True)
    assert link(second, "first") == "/products/search"
    last = client.get(link(first, "last"))
    assert "<strong>3/3</strong>" in last.get_data(as_text=True) and link(last, "next") is None


def test_filters_survive_the_pager_and_a_foreign_cursor_is_page_one(client, many, other_seller):
    on_sale = [p for p in many if p.status == "on"]
    pages = walk(client, "/products/search?status=on&sort=price&dir=asc")
    assert flat(pages) == expected(on_sale, "price", False)
    stranger = Product(tenant_id=other_seller.id, name="남의 상품", code="X1", rep_price=0)
    db.session.add(stranger)
    db.session.commit()
    resp = client.get(f"/products/search?sort=price&dir=asc&after={stranger.id}")
    assert codes(resp) == expected(many, "price", False)[:50]


def test_restore_list_pages_deleted_products(client, many):
    assert walk(client, "/products/restore") == [["C00121"]]


@pytest.fixture
def skus(auth, seller):
    """30 products: odd ones with 3 combinations, every fifth with 2 add-on items."""
    auth.login()
    want = []
    for i in range(30):
        product = Product(tenant_id=seller.id, name=f"재고상품{i}", code=f"S{i:03d}", stock=i,
                          option_names=["색상"] if i % 2 else [])
        db.session.add(product)
        db.session.flush()
        lines = []
        if i % 2:
            for no in (1, 2, 3):
                opt = ProductOption(tenant_id=seller.id, product=product, no=no,
                                    values=f"색상{no}", stock=no)
                db.session.add(opt)
                db.session.flush()
                lines.append(f"option-{opt.id}")
        else:
            lines.append(f"product-{product.id}")
        if i % 5 == 0:
            group = AddonGroup(tenant_id=seller.id, product=product, position=1, name="추가")
            for pos in (2, 1):
                item = AddonItem(tenant_id=seller.id, product=product, group=group,
                                 position=pos, name=f"부품{pos}", stock=pos)
                db.session.add(item)
                db.session.flush()
                lines.insert(len(lines) if pos == 2 else len(lines) - (pos == 1 and 1 or 0),
                             f"addon-{item.id}")
        want.append((product.id, lines))
    db.session.commit()
    return [line for _, lines in sorted(want, reverse=True) for line in lines]


def stock_rows(resp) -> list[str]:
    return re.findall(r'<tr data-stock="([^"]+)"', resp.get_data(as_text=True))


def test_stock_lines_page_in_sql_order(client, skus):
    assert len(skus) == 15 * 3 + 15 + 6 * 2
    pages = walk(client, "/products/stock", read=stock_rows)
    assert [len(p) for p in pages] == [50, 22]
    assert flat(pages) == skus
    first = client.get("/products/stock")
    assert "전체 72건" in first.get_data(as_text=True)
    back = walk(client, link(client.get("/products/stock?last=1"), "prev"), "prev", stock_rows)
    assert back == [skus[:50]]  # 마지막 holds the 22 the forward walk ends on


def test_stock_low_filter_counts_only_low_lines(client, skus):
    client.post("/products/stock/settings", data={"threshold": "1", "enabled": "y"})
    low = flat(walk(client, "/products/stock?low=1", read=stock_rows))
    stored = {f"option-{o.id}": o.stock for o in ProductOption.query}
    stored |= {f"addon-{a.id}": a.stock for a in AddonItem.query}
    stored |= {f"product-{p.id}": p.stock for p in Product.query if not p.options}
    assert low == [k for k in skus if stored[k] <= 1]
    assert len(low) == 15 + 6 + 1  # 색상1 of each odd product, 부품1 of each fifth, product 0


def shown_total(resp) -> int:
    return int(re.search(r"전체 ([\d,]+)건", resp.get_data(as_text=True)).group(1).replace(",", ""))


@pytest.mark.parametrize("query", ["", "low=1", "q=재고상품1", "q=S004", "q=재고상품1&low=1"])
def test_stock_total_matches_the_lines_listed(client, skus, other_seller, query):
    """총 N건 is counted apart from the pages (deleted products subtracted); both must agree."""
    client.post("/products/stock/settings", data={"threshold": "1", "enabled": "y"})
    gone = Product.query.filter(Product.code.in_(["S005", "S010", "S013"])).all()
    for product in gone:
        product.deleted_at = utcnow()
    stranger = Product(tenant_id=other_seller.id, name="재고상품1 남의 것", code="X001", stock=0,
                       option_names=["색상"])
    db.session.add(stranger)
    db.session.flush()
    db.session.add(ProductOption(tenant_id=other_seller.id, product=stranger, no=1, values="빨강",
                                 stock=0))
    group = AddonGroup(tenant_id=other_seller.id, product=stranger, position=1, name="추가")
    db.session.add(AddonItem(tenant_id=other_seller.id, product=stranger, group=group, position=1,
                             name="부품", stock=0))
    db.session.add(Product(tenant_id=other_seller.id, name="재고상품1 단품", code="X002", stock=0))
    db.session.commit()
    dead = {f"product-{p.id}" for p in gone} | {f"option-{o.id}" for p in gone for o in p.options}
    dead |= {f"addon-{i.id}" for p in gone for g in p.addon_groups for i in g.items}
    url = f"/products/stock?{query}"
    lines = flat(walk(client, url, read=stock_rows))
    assert shown_total(client.get(url)) == len(lines)
    assert not dead & set(lines)
    if not query:
        assert len(lines) == 72 - 3 - (1 + 2) - 3 - 2  # S013, S010 (+2 부품), S005 (+2 부품)


def test_search_word_ignores_letter_case_and_finds_korean(client, auth, seller):
    auth.login()
    db.session.add(Product(tenant_id=seller.id, name="Alton MINI 자전거", code="C90001"))
    db.session.add(Product(tenant_id=seller.id, name="러닝화", code="C90002"))
    db.session.commit()
    for word in ("mini", "MINI", "Mini 자전", "자전거"):
        assert codes(client.get(f"/products/search?field=name&q={word}")) == ["C90001"], word
    assert codes(client.get("/products/search?q=러닝")) == ["C90002"]
