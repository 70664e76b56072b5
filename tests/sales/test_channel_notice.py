"""쿠팡 상품고시정보·필수 속성: read from the category meta by a job, filled in by the seller, sent with 연동."""
from portal.extensions import db

from .conftest import channel_products, link, listing_of, make_account, make_product, make_template, request_link, \
    wait_job

SHIRTS = ("1020", "패션의류 > 남성의류")


def _shirt(tenant):
    product = make_product(tenant, name="남성 옥스포드 셔츠")
    product.notice_group = "etc"
    product.notice = {"f1": {"value": "옥스포드 셔츠 SH-100", "separate": False},
                      "f3": {"value": "대한민국", "separate": False},
                      "f4": {"value": "", "separate": True}}
    db.session.commit()
    return product


def test_required_attributes_are_asked_for_then_sent_with_the_notices(client, world):
    tenant, sandbox = world["tenant"], world["sandbox"]
    coupang = make_account(tenant, "coupang")
    product = _shirt(tenant)
    listing = request_link(client, product, make_template(tenant, coupang, category=SHIRTS))
    before = len(channel_products(sandbox, "coupang"))

    link(client, [listing])
    listing = listing_of(product, coupang)
    assert listing.status == "failed"
    assert listing.last_message.startswith("쿠팡 카테고리의 필수 속성을 입력해 주세요: 사이즈")
    assert len(channel_products(sandbox, "coupang")) == before     # nothing was sent

    page = client.get(f"/sales/listings/{listing.id}").get_data(as_text=True)
    assert "고시정보·속성 불러오기" in page and "channel-notice-form" not in page
    lines = wait_job(client, client.post(f"/sales/listings/{listing.id}/channel-meta"))
    assert any("속성 3개(필수 1개)를 불러왔습니다." in ln for ln in lines), lines
    page = client.get(f"/sales/listings/{listing.id}").get_data(as_text=True)
    assert 'name="channel_notice_category"' in page and "사이즈" in page
    assert 'value="대한민국"' in page and 'value="옥스포드 셔츠 SH-100"' in page   # the product's 품목고시 by label

    form = {"channel_notice_category": "기타 재화", "channel_notice_shown": "기타 재화",
            "channel_notice_0": "옥스포드 셔츠 SH-100", "channel_notice_1": "해당 없음",
            "channel_notice_2": "대한민국", "channel_attr_2": ""}
    resp = client.post(f"/sales/listings/{listing.id}/channel-notice", data=form)
    assert "필수 속성을 입력해 주세요: 사이즈" in client.get(resp.headers["Location"]).get_data(as_text=True)
    resp = client.post(f"/sales/listings/{listing.id}/channel-notice", data={**form, "channel_attr_2": "XXL"})
    assert "목록에 있는 값을 선택해 주세요: 사이즈" in client.get(resp.headers["Location"]).get_data(as_text=True)
    resp = client.post(f"/sales/listings/{listing.id}/channel-notice", data={**form, "channel_attr_2": "M"})
    assert "상품고시정보와 속성을 저장했습니다." in client.get(resp.headers["Location"]).get_data(as_text=True)
    preview = client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True)
    assert "속성 사이즈" in preview

    link(client, [listing_of(product, coupang)])
    listing = listing_of(product, coupang)
    assert listing.status == "live", listing.last_message
    [sent] = [p for p in channel_products(sandbox, "coupang") if p["product_no"] == listing.channel_product_id]
    meta = next(iter(sent["extra"]["item_meta"].values()))
    assert meta["attributes"] == [{"attributeTypeName": "사이즈", "attributeValueName": "M"}]
    notices = {n["noticeCategoryDetailName"]: n["content"] for n in meta["notices"]}
    assert notices == {"품명 및 모델명": "옥스포드 셔츠 SH-100", "인증사항": "해당 없음", "제조국(원산지)": "대한민국",
                       "제조자(수입자)": "상세페이지 참조", "소비자상담 관련 전화번호": "상세페이지 참조"}


def test_the_notice_screens_are_the_sellers_own(client, world, other_seller):
    coupang = make_account(other_seller, "coupang")
    from models import Listing

    foreign = Listing(tenant_id=other_seller.id, product_id=make_product(other_seller).id, account_id=coupang.id,
                      channel="coupang", category_id="1020")
    db.session.add(foreign)
    db.session.commit()
    assert client.post(f"/sales/listings/{foreign.id}/channel-meta").status_code == 404
    assert client.post(f"/sales/listings/{foreign.id}/channel-notice", data={}).status_code == 404
