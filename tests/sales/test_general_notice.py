"""종합몰 품목고시: entered again on a 종합몰 listing (starting from the product's), checked, saved and sent."""
from html import unescape

from blueprints.products.services import reference
from models import Listing
from portal.extensions import db

from .conftest import channel_products, link, listing_of, make_product, make_template, request_link


def product_with_notice(tenant):
    product = make_product(tenant, name="고시 원피스")
    group = reference.notice_group("wear")
    product.notice_group = "wear"
    product.notice = {f["key"]: {"value": f"상품값{n}", "separate": False} for n, f in enumerate(group["fields"])}
    db.session.commit()
    return product, group


def test_a_general_mall_listing_takes_its_own_notice_and_sends_it(client, world):
    tenant, interpark, hmall = world["tenant"], world["interpark"], world["hmall"]
    product, group = product_with_notice(tenant)
    general = request_link(client, product, make_template(tenant, hmall, sale_price=26000))
    open_market = request_link(client, product, make_template(tenant, interpark))
    assert general.notice_group == "wear" and general.notice["f1"]["value"] == "상품값0"  # from the product
    assert open_market.notice_group == ""

    page = client.get(f"/sales/listings/{general.id}").get_data(as_text=True)
    assert 'id="general-notice"' in page and 'value="상품값0"' in page
    assert 'id="general-notice"' not in client.get(f"/sales/listings/{open_market.id}").get_data(as_text=True)

    form = {"sale_price": "26000", "market_price": "30000", "buffer_kind": "inherit", "buffer_value": "0",
            "notice_group": "wear", **{f"notice_{f['key']}": f"종합몰값{n}" for n, f in enumerate(group["fields"])}}
    refused = client.post(f"/sales/listings/{general.id}", data={**form, "notice_f2": "N"}, follow_redirects=True)
    assert "'N', '아니오'는 입력할 수 없습니다" in unescape(refused.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Listing, general.id).notice["f1"]["value"] == "상품값0"  # nothing kept
    resp = client.post(f"/sales/listings/{general.id}", data=form)
    assert resp.status_code == 302
    db.session.expire_all()
    assert db.session.get(Listing, general.id).notice["f1"]["value"] == "종합몰값0"
    preview = client.get(f"/sales/listings/{general.id}/preview").get_data(as_text=True)
    assert "종합몰값0" in preview

    link(client, [listing_of(product, hmall), listing_of(product, interpark)])
    for account, expected in ((hmall, "종합몰값0"), (interpark, None)):
        listing = listing_of(product, account)
        assert listing.status == "live", listing.last_message
        found, = [p for p in channel_products(world["sandbox"], account.channel)
                  if p["product_no"] == listing.channel_product_id]
        notice = found["extra"].get("notice")
        if expected is None:
            assert not notice
        else:
            assert notice["group"] == group["name"] and notice["fields"][group["fields"][0]["label"]] == expected


def test_another_group_is_chosen_and_every_field_must_be_answered(client, world):
    tenant, hmall = world["tenant"], world["hmall"]
    product, _ = product_with_notice(tenant)
    listing = request_link(client, product, make_template(tenant, hmall, sale_price=26000))
    food = next(g for g in reference.notice_groups() if g["code"] != "wear")
    page = client.get(f"/sales/listings/{listing.id}?notice_group={food['code']}").get_data(as_text=True)
    assert f'name="notice_group" value="{food["code"]}"' in page and 'value="상품값0"' not in page
    resp = client.post(f"/sales/listings/{listing.id}", follow_redirects=True, data={
        "sale_price": "26000", "market_price": "30000", "buffer_kind": "inherit", "notice_group": food["code"]})
    assert f"품목고시 '{food['fields'][0]['label']}'을(를) 입력하거나" in unescape(resp.get_data(as_text=True))
