"""SKU codes learned without the seller: from a collected order line matched to a product and from a live
listing; an upload then maps those channel codes, and a Japan order finds its item page from the listing."""
from datetime import datetime

from blueprints.fulfilment.learning import learn_from_listing, learn_from_order_lines
from blueprints.fulfilment.skus import Resolver, teach
from models import ChannelAccount, ChannelOrder, ChannelOrderLine, Listing, ManualOrder, SkuMapping
from portal.extensions import db

from .test_manual_orders import _upload
from .test_order_files import POOMGO, _poomgo, _xlsx


def _account(seller, channel="naver"):
    account = ChannelAccount(tenant_id=seller.id, channel=channel, alias="본점", status="active")
    db.session.add(account)
    db.session.commit()
    return account


def _collected_line(seller, account, product, no="C-1", **codes):
    order = ChannelOrder(tenant_id=seller.id, account_id=account.id, channel=account.channel, channel_order_id=no,
                         ordered_at=datetime(2026, 12, 1))
    db.session.add(order)
    db.session.flush()
    line = ChannelOrderLine(tenant_id=seller.id, order_id=order.id, account_id=account.id, channel=account.channel,
                            channel_order_id=no, channel_line_id="1", product_id=product.id,
                            ordered_at=order.ordered_at, **codes)
    db.session.add(line)
    db.session.commit()
    return line


def _mappings(seller):
    return {(m.channel, m.code, m.learned_from) for m in db.session.query(SkuMapping).filter_by(tenant_id=seller.id)}


def test_codes_of_a_matched_collected_line_are_learned(app, seller, catalog):
    account = _account(seller)
    plain = _collected_line(seller, account, catalog["SKU-B"], seller_code="NV-OVERFIT-TEE-2026",
                            channel_product_id="8812345678", origin_product_id="5512345678")
    combo = _collected_line(seller, account, catalog["OPT-1"], "C-2", option_name="화이트/M", channel_item_id="ITEM-77001",
                            channel_product_id="8899999999")
    assert learn_from_order_lines(seller.id, [plain.id, combo.id]) > 0
    learned = _mappings(seller)
    assert ("스마트스토어", "NV-OVERFIT-TEE-2026", "order") in learned
    assert ("스마트스토어", "5512345678", "order") in learned
    assert ("스마트스토어", "ITEM-77001", "order") in learned
    assert not any(code == "8899999999" for _, code, _ in learned)  # names several combinations: not learned
    known = Resolver(seller.id, "스마트스토어").resolve({"nv-overfit-tee-2026", "ITEM-77001"})
    assert known["nv-overfit-tee-2026"].product_id == catalog["SKU-B"].id
    assert known["ITEM-77001"].option_id == catalog["OPT-1"].options[1].id
    page = db.session.query(SkuMapping).filter_by(code="5512345678").first().product_url
    assert page == "https://smartstore.naver.com/main/products/5512345678"


def test_a_learned_code_never_overwrites_the_sellers_pick(app, seller, catalog):
    teach(seller, "스마트스토어", "NV-1", "SKU-A")
    line = _collected_line(seller, _account(seller), catalog["SKU-B"], seller_code="NV-1")
    learn_from_order_lines(seller.id, [line.id])
    row = db.session.query(SkuMapping).filter_by(tenant_id=seller.id, code_key="nv-1").one()
    assert (row.product_id, row.learned_from) == (catalog["SKU-A"].id, "pick")


def test_an_unmatched_line_teaches_nothing(app, seller, catalog):
    line = _collected_line(seller, _account(seller), catalog["SKU-B"], seller_code="X-1")
    line.product_id = None
    db.session.commit()
    assert learn_from_order_lines(seller.id, [line.id]) == 0 and not _mappings(seller)


def test_listing_codes_are_learned_and_an_upload_maps_them(signed_in, app, seller, catalog):
    account = _account(seller, "coupang")
    combo = Listing(tenant_id=seller.id, product_id=catalog["OPT-1"].id, account_id=account.id, channel="coupang",
                    status="live", channel_product_id="7000000001",
                    stock_keys=[{"id": "90000001", "option": "블랙 / S"}, {"id": "90000002", "option": "화이트/M"}])
    plain = Listing(tenant_id=seller.id, product_id=catalog["SKU-C"].id, account_id=account.id, channel="coupang",
                    status="live", channel_product_id="7000000002", stock_keys=[{"id": "90000003", "option": ""}])
    db.session.add_all([combo, plain])
    db.session.commit()
    assert learn_from_listing(combo) == 2 and learn_from_listing(plain) == 2
    db.session.commit()
    learned = _mappings(seller)
    assert {("쿠팡", "90000001", "listing"), ("쿠팡", "90000002", "listing"), ("쿠팡", "7000000002", "listing"),
            ("쿠팡", "90000003", "listing")} <= learned

    rows = [POOMGO, _poomgo("CP-1", SKU="90000002", **{"판매 플랫폼": "쿠팡"}),
            _poomgo("CP-2", SKU="7000000002", **{"판매 플랫폼": "쿠팡"})]
    run, _ = _upload(signed_in, app, _xlsx(rows), platform="쿠팡")
    assert run.ok_count == 2
    orders = {o.order_no: o for o in db.session.query(ManualOrder)}
    assert orders["CP-1"].lines[0].option_id == catalog["OPT-1"].options[1].id
    assert orders["CP-2"].lines[0].product_id == catalog["SKU-C"].id


def test_a_japan_order_takes_its_item_page_from_the_products_listing(signed_in, app, seller, catalog):
    account = _account(seller, "naver")
    db.session.add(Listing(tenant_id=seller.id, product_id=catalog["SKU-D"].id, account_id=account.id,
                           channel="naver", status="live", channel_product_id="5000000123"))
    db.session.commit()
    rows = [POOMGO, _poomgo("JP-1", name="田中", address="東京都千代田区1-1", SKU="SKU-D",
                            **{"전화번호": "+81-3-1234-5678", "우편번호": "100-0001", "국가코드": "JP"})]
    run, lines = _upload(signed_in, app, _xlsx(rows))
    assert run.ok_count == 1, lines
    order = db.session.query(ManualOrder).filter_by(order_no="JP-1").one()
    assert order.product_url == "https://smartstore.naver.com/main/products/5000000123"


def test_a_smartstore_option_teaches_the_option_code_its_orders_carry(app, seller, catalog):
    """스마트스토어 option stock keys are "원상품번호:옵션ID"; order lines carry the 옵션ID (optionCode)."""
    account = _account(seller, "naver")
    combo = Listing(tenant_id=seller.id, product_id=catalog["OPT-1"].id, account_id=account.id, channel="naver",
                    status="live", channel_product_id="9100000001",
                    stock_keys=[{"id": "9100000001:8100000001", "option": "블랙 / S", "item": "8100000001"},
                                {"id": "9100000001:8100000002", "option": "화이트/M", "item": "8100000002"}])
    db.session.add(combo)
    db.session.commit()
    assert learn_from_listing(combo) == 2
    db.session.commit()
    learned = {code for _, code, _ in _mappings(seller)}
    assert {"8100000001", "8100000002"} <= learned
    assert not any(":" in code for code in learned)
