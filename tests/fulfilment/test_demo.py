"""Demo 수기주문: typed-in orders of the demo seller name its demo products, loaded once."""
from blueprints.fulfilment import demo
from blueprints.products import demo as product_demo
from models import ImportProfile, ManualOrder, SkuMapping


def test_demo_manual_orders_name_registered_products(app, seller):
    product_demo.load(seller)
    demo.load(seller)
    demo.load(seller)
    orders = {o.order_no: o for o in ManualOrder.query.filter_by(tenant_id=seller.id)}
    assert set(orders) == {"KT-20261201-001", "IG-1001", "RK-77001"}
    kakao = orders["KT-20261201-001"]
    assert [(x.sku, x.quantity, x.product.name, x.option.values if x.option else "") for x in kakao.lines] == [
        ("DEMO05", 2, "수분 가득 히알루론 에센스 50ml", ""), ("DEMO02:블랙/M", 1, "여성 린넨 롱원피스", "블랙/M")]
    assert orders["RK-77001"].country == "JP" and orders["RK-77001"].lines[0].option.values == "화이트"
    mapping = SkuMapping.query.filter_by(tenant_id=seller.id).one()
    assert (mapping.channel, mapping.code_key) == ("라쿠텐", "demo-shop-10000008-wht")
    assert ImportProfile.query.filter_by(tenant_id=seller.id, platform="라쿠텐").count() == 1


def test_without_the_demo_catalogue_no_order_is_invented(app, seller):
    demo.load(seller)
    assert ManualOrder.query.count() == 0


def test_demo_shipments_in_several_states_and_ages(app, seller):
    from blueprints.fulfilment.shipments import demo as shipment_demo
    from models import FulfilmentOrder, Shipment
    shipment_demo.load(seller)
    shipment_demo.load(seller)  # idempotent
    shipments = Shipment.query.filter_by(tenant_id=seller.id).all()
    assert sorted(s.status for s in shipments) == ["A00", "A10", "A99", "B00", "C90", "D11", "D99"]
    merged = next(s for s in shipments if s.cart_no == "284480083")
    assert sorted((i.sku_code, i.quantity) for i in merged.items if not i.is_gift) == [
        ("KSE-CREAM-50", 1), ("KSE-MASK-01", 4)]
    from models import GiftEvent
    event = GiftEvent.query.filter_by(tenant_id=seller.id).one()  # one demo event, not two
    gifts = [(s.status, i.sku_code, i.channel) for s in shipments for i in s.items if i.is_gift]
    assert gifts and all(st in ("A00", "A02", "A10") and code == "KSE-GIFT-PACK" and channel == "gift"
                         for st, code, channel in gifts)
    assert (event.gifts[0].limit_count, event.gifts[0].used_count) == (100, len(gifts))
    delivered = next(s for s in shipments if s.status == "D99")
    assert [e.status_to for e in delivered.events][-1] == "D99" and len(delivered.events) == 11
    waiting = FulfilmentOrder.query.filter_by(tenant_id=seller.id, shipment_id=None).all()
    assert {(w.order_no, w.held, w.match_state) for w in waiting} == {
        ("855256961", True, "ok"), ("855256962", False, "none"), ("392811-20261201-0003", False, "ok")}
