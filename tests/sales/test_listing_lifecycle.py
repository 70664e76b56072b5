"""A live listing: preview and field diff, price change updated in place, period extended, ended and resumed."""
from datetime import timedelta

from models import Listing, ListingEvent
from models.base import kst_today
from portal.extensions import db

from .conftest import (
    channel_products,
    link,
    listing_of,
    make_product,
    make_template,
    request_link,
    wait_job,
)


def live(client, world, channel="interpark"):
    product = make_product(world["tenant"], rep_price=20000, stock=10)
    link(client, [request_link(client, product, make_template(world["tenant"], world[channel]))])
    return product, listing_of(product, world[channel])


def test_preview_shows_exactly_what_will_be_sent_before_linking(client, world):
    product = make_product(world["tenant"], stock=10, options=[("블랙", 0, 4), ("화이트", 2000, 6)])
    listing = request_link(client, product, make_template(world["tenant"], world["interpark"]))
    page = client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True)
    for text in ("린넨 원피스", "25,000원", "10개", "패션의류 &gt; 여성의류 (1010)", product.code,
                 "옵션 화이트", "27,000원 / 6개"):
        assert text in page
    general = request_link(client, product, make_template(world["tenant"], world["hmall"]))
    page = client.get(f"/sales/listings/{general.id}/preview").get_data(as_text=True)
    assert "옵션 화이트" not in page and "옵션가격과 추가상품은 무시되고" in page


def change_price(client, listing, price="23000"):
    resp = client.post(f"/sales/listings/{listing.id}", data={"sale_price": price, "market_price": "30000",
                                                              "buffer_kind": "inherit"})
    assert resp.status_code == 302
    wait_job(client, client.post(f"/sales/listings/{listing.id}/read"))


def test_a_price_change_shows_the_field_diff_and_updates_the_same_product(client, world):
    sandbox = world["sandbox"]
    product, listing = live(client, world)
    old_no = listing.channel_product_id
    before = len(channel_products(sandbox, "interpark"))
    change_price(client, listing)
    page = client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True)
    assert '<tr data-field="price"><td>판매가</td><td class="old">25000</td><td class="new">23000</td></tr>' in page
    assert f"제휴몰 상품({old_no})을 상품번호 그대로 수정합니다" in page and "reregister-note" not in page
    lines = wait_job(client, client.post(f"/sales/listings/{listing.id}/send"))
    listing = listing_of(product, world["interpark"])
    assert listing.status == "live" and listing.channel_product_id == old_no, lines
    rows = {p["product_no"]: p for p in channel_products(sandbox, "interpark")}
    assert len(rows) == before and rows[old_no]["price"] == 23000 and rows[old_no]["status"] == "SALE"
    assert rows[old_no]["extra"]["sale_end"] == listing.sale_end.isoformat()
    assert rows[old_no]["extra"]["shipping"]["as_info"] == "판매자에게 문의"
    page = client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True)
    assert "제휴몰 상품과 달라지는 항목이 없습니다." in page
    actions = [e.action for e in ListingEvent.query.filter_by(listing_id=listing.id).order_by(ListingEvent.id)]
    assert actions == ["상품연동", "상품수정"]


def test_without_update_on_the_channel_a_price_change_ends_and_registers_anew(client, world, monkeypatch):
    from marketplaces.sandbox import adapters
    from portal.marketplaces import not_supported

    interpark = next(cls for cls in adapters if cls.code == "interpark")
    monkeypatch.setattr(interpark, "update_listing", not_supported("상품 수정을 제공하지 않는 제휴몰입니다."))
    sandbox = world["sandbox"]
    product, listing = live(client, world)
    old_no = listing.channel_product_id
    change_price(client, listing)
    page = client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True)
    assert "기존 상품(" + old_no + ")을 판매종료하고 새 상품번호로 다시 등록합니다" in page
    lines = wait_job(client, client.post(f"/sales/listings/{listing.id}/send"))
    listing = listing_of(product, world["interpark"])
    assert listing.status == "live" and listing.channel_product_id != old_no, lines
    rows = {p["product_no"]: p for p in channel_products(sandbox, "interpark")}
    assert rows[old_no]["status"] == "CLOSE" and rows[listing.channel_product_id]["price"] == 23000
    actions = [e.action for e in ListingEvent.query.filter_by(listing_id=listing.id).order_by(ListingEvent.id)]
    assert actions == ["상품연동", "판매종료", "상품수정 재등록"]


def test_a_resend_without_changes_sends_nothing(client, world):
    product, listing = live(client, world)
    before = len(channel_products(world["sandbox"], "interpark"))
    wait_job(client, client.post(f"/sales/listings/{listing.id}/send"))
    assert listing_of(product, world["interpark"]).last_message == "변경된 항목이 없어 전송하지 않았습니다."
    assert len(channel_products(world["sandbox"], "interpark")) == before


def test_prices_of_a_listing_follow_the_rules(client, world):
    _, listing = live(client, world)
    resp = client.post(f"/sales/listings/{listing.id}", data={"sale_price": "23005", "market_price": "30000"})
    assert resp.status_code == 303
    assert "판매가는 10원 단위로 입력해 주세요." in client.get(resp.headers["Location"]).get_data(as_text=True)
    assert db.session.get(Listing, listing.id).sale_price == 25000


def test_periods_lists_listings_ending_soon_and_extends_them(client, world):
    product, listing = live(client, world)
    assert listing.sale_end == kst_today() + timedelta(days=90)
    listing.sale_end = kst_today() + timedelta(days=2)
    db.session.commit()
    page = client.get("/sales/periods?days=7").get_data(as_text=True)
    assert f'data-listing="{listing.id}"' in page
    wait_job(client, client.post("/sales/periods/extend", data={"listing_id": listing.id, "extend_days": "30"}))
    listing = listing_of(product, world["interpark"])
    assert listing.sale_end == kst_today() + timedelta(days=32)
    on_channel = {p["product_no"]: p for p in channel_products(world["sandbox"], "interpark")}
    assert on_channel[listing.channel_product_id]["extra"]["sale_end"] == listing.sale_end.isoformat()
    assert f'data-listing="{listing.id}"' not in client.get("/sales/periods?days=7").get_data(as_text=True)
    resp = client.post("/sales/periods/extend", data={"listing_id": listing.id, "extend_days": "45"})
    assert resp.status_code == 400
    assert resp.get_json()["error"] == "연장할 판매기간은 15일, 30일, 60일, 90일 중에서 선택해 주세요."


def test_extending_an_ended_channel_product_is_refused(client, world):
    product, listing = live(client, world)
    world["sandbox"].ops("POST", f"/shops/{world['sandbox'].shop_id('interpark')}/products/"
                                 f"{listing.channel_product_id}/status", json={"status": "CLOSE"})
    wait_job(client, client.post("/sales/periods/extend", data={"listing_id": listing.id, "extend_days": "30"}))
    listing = listing_of(product, world["interpark"])
    assert listing.sale_end == kst_today() + timedelta(days=90)
    assert "판매종료된 상품이라 판매기간을 연장하지 않았습니다" in listing.last_message


def test_ending_stops_the_sale_on_the_channel_and_resume_keeps_the_number(client, world):
    sandbox = world["sandbox"]
    product, listing = live(client, world)
    lines = wait_job(client, client.post("/sales/end", data={"listing_id": listing.id}))
    listing = listing_of(product, world["interpark"])
    assert listing.status == "ended", lines
    rows = {p["product_no"]: p for p in channel_products(sandbox, "interpark")}
    assert rows[listing.channel_product_id]["status"] == "CLOSE"
    assert product.listing_count == 0
    page = client.get("/sales/ended").get_data(as_text=True)
    assert f'data-listing="{listing.id}"' in page.split('id="ended-list"')[1]
    ended_no = listing.channel_product_id
    wait_job(client, client.post("/sales/resume", data={"listing_id": listing.id}))
    resumed = listing_of(product, world["interpark"])
    assert resumed.status == "live" and resumed.channel_product_id == ended_no
    assert resumed.seller_code == product.code and product.listing_count == 1
    rows = {p["product_no"]: p for p in channel_products(sandbox, "interpark")}
    assert rows[ended_no]["status"] == "SALE"
    assert rows[ended_no]["extra"]["sale_end"] == resumed.sale_end.isoformat()


def test_search_lists_and_exports_listings(client, world):
    product, listing = live(client, world)
    page = client.get("/sales/search?status=live").get_data(as_text=True)
    assert listing.channel_product_id in page and "반영완료" in page
    assert client.get("/sales/search?status=failed").get_data(as_text=True).count('data-listing="') == 0
    resp = client.get("/sales/search?format=xlsx")
    assert resp.status_code == 200 and resp.data[:2] == b"PK"
    status = client.get("/sales/link-status").get_data(as_text=True)
    assert product.code in status and "상품연동 성공" in status


def test_a_lost_update_answer_is_read_back_before_anything_else(client, world):
    sandbox = world["sandbox"]
    product, listing = live(client, world)
    no = listing.channel_product_id
    change_price(client, listing)
    sandbox.fault("apply_then_504", f"/products/{no}", count=5, method="PUT")
    lines = wait_job(client, client.post(f"/sales/listings/{listing.id}/send"))
    listing = listing_of(product, world["interpark"])
    assert listing.status == "live" and listing.channel_product_id == no, lines
    assert "응답은 없었지만 제휴몰에 수정이 반영된 것을 확인했습니다" in listing.last_message
    rows = {p["product_no"]: p for p in channel_products(sandbox, "interpark")}
    assert rows[no]["price"] == 23000


def test_a_refused_update_keeps_the_number_and_says_why(client, world):
    sandbox = world["sandbox"]
    product, listing = live(client, world)
    no = listing.channel_product_id
    change_price(client, listing)
    sandbox.fault("error_500", f"/products/{no}", count=5, method="PUT")
    wait_job(client, client.post(f"/sales/listings/{listing.id}/send"))
    listing = listing_of(product, world["interpark"])
    assert listing.status == "failed" and listing.channel_product_id == no
    assert listing.last_message.startswith(f"상품번호 {no} 수정 실패")
    assert {p["product_no"]: p for p in channel_products(sandbox, "interpark")}[no]["price"] == 25000
