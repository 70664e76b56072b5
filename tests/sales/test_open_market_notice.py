"""스마트스토어·11번가 상품정보제공고시: 연동 sends the product's 품목고시 group as the channel's own notice type,
each field from the product's answers by label (별도표기 → 상세페이지 참조)."""
from blueprints.products.services import reference
from portal.extensions import db

from .conftest import add_categories, channel_products, link, listing_of, make_account, make_product, \
    make_template, request_link


def _wear(tenant):
    product = make_product(tenant, name="린넨 셔츠")
    group = reference.notice_group("wear")
    answers = {"제품 소재": "린넨 100%", "색상": "화이트", "치수": "M, L", "제조자/수입자": "(주)데모패션",
               "제조국": "대한민국", "세탁방법 및 취급시 주의사항": "손세탁", "제조연월": "2026-10",
               "품질보증기준": "관련 법에 따름", "A/S 책임자와 전화번호": "데모패션 02-1234-5678"}
    product.notice_group = "wear"
    product.notice = {f["key"]: {"value": answers[f["label"]], "separate": False} for f in group["fields"]}
    product.notice[group["fields"][1]["key"]] = {"value": "", "separate": True}   # 색상: 상세정보 별도표기
    db.session.commit()
    return product


def _sent(world, account, product):
    listing = listing_of(product, account)
    assert listing.status == "live", listing.last_message
    return next(p for p in channel_products(world["sandbox"], account.channel)
                if p["product_no"] == listing.channel_product_id)["extra"]["notice"]


def test_smartstore_and_11st_get_the_wear_notice_of_the_product(client, world):
    tenant = world["tenant"]
    naver, elevenst = make_account(tenant, "naver"), make_account(tenant, "11st")
    add_categories(tenant, naver)
    add_categories(tenant, elevenst)
    product = _wear(tenant)
    link(client, [request_link(client, product, make_template(tenant, account)) for account in (naver, elevenst)])

    notice = _sent(world, naver, product)
    assert notice["productInfoProvidedNoticeType"] == "WEAR"
    wear = notice["wear"]
    assert (wear["material"], wear["size"], wear["color"]) == ("린넨 100%", "M, L", "상세페이지 참조")
    assert wear["manufacturer"] == "(주)데모패션" and wear["packDateText"] == "2026-10"

    notice = _sent(world, elevenst, product)
    assert notice["type"] == "891011"
    assert notice["items"]["23759468"] == "린넨 100%" and notice["items"]["11835"] == "상세페이지 참조"
    assert len(notice["items"]) == 9
