"""판매재개 of an ended listing whose product has no 대표 image: the status change goes (no channel's
status call carries a picture), the product write that needs one does not, and the seller is told."""
import pytest

from portal.extensions import db

from .conftest import add_categories, channel_products, link, listing_of, make_account, make_product, \
    make_template, request_link, wait_job

NAMES = {"coupang": "쿠팡", "11st": "11번가", "naver": "스마트스토어"}


def on_channel(world, channel, listing):
    return next(p for p in channel_products(world["sandbox"], channel)
                if p["product_no"] == listing.channel_product_id)


@pytest.mark.parametrize("channel", ["coupang", "11st", "naver"])
def test_an_ended_listing_without_its_main_image_can_be_resumed_under_the_same_number(app, client, world,
                                                                                       channel):
    app.config["PUBLIC_BASE_URL"] = "https://portal.example.com"
    tenant = world["tenant"]
    account = make_account(tenant, channel)
    add_categories(tenant, account)
    product = make_product(tenant, name="사진 지운 원피스", main_image=True)
    link(client, [request_link(client, product, make_template(tenant, account))])
    listing = listing_of(product, account)
    assert listing.status == "live", listing.last_message
    number, count = listing.channel_product_id, len(channel_products(world["sandbox"], channel))
    wait_job(client, client.post("/sales/end", data={"listing_id": listing.id}))
    ended_on_channel = on_channel(world, channel, listing_of(product, account))["status"]
    assert listing_of(product, account).status == "ended"

    product.main_image = ""            # the picture was removed after the listing ended
    db.session.commit()
    preview = client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True)
    assert f"대표 이미지가 없어도 {NAMES[channel]} 판매재개(판매상태 변경)는 보냅니다." in preview
    lines = wait_job(client, client.post("/sales/resume", data={"listing_id": listing.id}))

    resumed = listing_of(product, account)
    assert resumed.status == "live", lines
    assert resumed.channel_product_id == number
    row = on_channel(world, channel, resumed)
    assert row["status"] != ended_on_channel                       # the channel sells it again
    assert len(channel_products(world["sandbox"], channel)) == count   # nothing registered anew
    said = (f"판매는 재개했지만 판매기간·판매가·재고 수정은 보내지 않았습니다: {NAMES[channel]}에 상품을 등록하려면 "
            "대표 이미지가 필요합니다.")
    assert resumed.last_message.startswith(said)
    assert any(said in ln for ln in lines)
    assert any("판매재개했습니다" in ln for ln in lines)


def test_without_resume_on_the_channel_registering_anew_still_needs_the_main_image(app, client, world,
                                                                                    monkeypatch):
    from portal.marketplaces import ChannelAdapter, discover_adapters

    tenant = world["tenant"]
    account = make_account(tenant, "coupang")
    add_categories(tenant, account)
    app.config["PUBLIC_BASE_URL"] = "https://portal.example.com"
    product = make_product(tenant, name="사진 지운 원피스", main_image=True)
    link(client, [request_link(client, product, make_template(tenant, account))])
    listing = listing_of(product, account)
    wait_job(client, client.post("/sales/end", data={"listing_id": listing.id}))
    product.main_image = ""
    db.session.commit()
    cls = discover_adapters()["coupang"]
    monkeypatch.setattr(cls, "resume_listing", ChannelAdapter.resume_listing)
    before = len(channel_products(world["sandbox"], "coupang"))
    wait_job(client, client.post("/sales/resume", data={"listing_id": listing.id}))
    again = listing_of(product, account)
    assert again.status == "failed"
    assert "쿠팡에 상품을 등록하려면 대표 이미지가 필요합니다" in again.last_message
    assert len(channel_products(world["sandbox"], "coupang")) == before
