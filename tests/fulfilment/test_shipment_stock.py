"""Stock through the SKU master: 배송접수 takes the linked products' stock (a combination SKU each component's),
deleting the shipment or an order inside it gives it back, 복구 takes it again, gifts take theirs, and an order
line that already took its stock in 주문관리 moves nothing a second time."""
import pytest

from blueprints.fulfilment.gifts.apply import apply_gift
from blueprints.fulfilment.shipments import bundles, receipt, stock, waiting
from models import (FulfilmentSku, FulfilmentSkuComponent, ManualOrderLine, ProductOption, Shipment, ShipmentEvent,
                    ShipmentStockMove)
from portal.extensions import db
from portal.signals import stock_changed

from tests.concurrency import at_once

from .conftest import add_product
from .shipment_fixtures import add_order, add_sku


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def linked(seller):
    """A mask sold as option 블랙/S (3 in stock), a cream without options (10 in stock), and a set of both."""
    mask_product = add_product(seller, "P-MASK", "마스크팩", ("블랙/S", "화이트/M"))
    cream_product = add_product(seller, "P-CREAM", "하이드로 크림")
    cream_product.stock = 10
    mask_option = mask_product.options[0]
    mask = add_sku(seller, "MASK-01", "마스크팩 1EA", product_id=mask_product.id, option_id=mask_option.id)
    cream = add_sku(seller, "CREAM-50", "하이드로 크림 50ml", product_id=cream_product.id)
    combo = FulfilmentSku(tenant_id=seller.id, kind="combo", code="SET-A", code_key="set-a", name="마스크2+크림 세트")
    combo.components = [FulfilmentSkuComponent(tenant_id=seller.id, sku_id=mask.id, quantity=2),
                        FulfilmentSkuComponent(tenant_id=seller.id, sku_id=cream.id, quantity=1)]
    db.session.add(combo)
    db.session.commit()
    return {"mask_option": mask_option.id, "cream": cream_product.id, "mask": mask}


def user_of(tenant):
    from models import User
    return db.session.query(User).filter_by(tenant_id=tenant.id).order_by(User.id).first()


def stocks(linked):
    db.session.expire_all()
    from models import Product
    return (db.session.get(ProductOption, linked["mask_option"]).stock, db.session.get(Product, linked["cream"]).stock)


def receive_all(seller):
    waiting.bring_in(seller)
    return receipt.receive(seller, user_of(seller), [r.id for r in waiting.waiting(seller)])


def test_receipt_takes_each_component_and_delete_restore_move_it_back_once(seller, linked):
    add_order(seller, "Q-1", [("SET-A", 1, "3000"), ("MASK-01", 1, "900")])
    outcome = receive_all(seller)
    assert stocks(linked) == (0, 9)  # 3 − (2 in the set + 1 alone); 10 − 1 in the set
    shipment_id = outcome.shipment_ids[0]
    history = db.session.query(ShipmentEvent).filter_by(shipment_id=shipment_id, kind="stock").one()
    assert "MASK-01 -2" in history.message and "CREAM-50 -1" in history.message
    assert stock.settle(db.session, [shipment_id]) == set()  # settling again moves nothing
    db.session.commit()
    assert stocks(linked) == (0, 9)

    bundles.delete(seller, user_of(seller), [shipment_id])  # 배송접수 삭제 → 삭제목록
    assert stocks(linked) == (3, 10)
    bundles.restore(seller, user_of(seller), [shipment_id])
    assert stocks(linked) == (0, 9)
    moves = db.session.query(ShipmentStockMove).filter_by(shipment_id=shipment_id).all()
    assert sum(m.change for m in moves) == -4 and all(m.user_id == user_of(seller).id for m in moves)


def test_deleting_one_order_inside_the_shipment_gives_back_its_stock(seller, linked):
    add_order(seller, "Q-1", [("MASK-01", 1, "900")])
    add_order(seller, "Q-2", [("CREAM-50", 2, "4000")])
    waiting.bring_in(seller)
    waiting.set_cart(seller, user_of(seller), [r.id for r in waiting.waiting(seller)], "CART-1")
    [shipment_id] = receipt.receive(seller, user_of(seller), [r.id for r in waiting.waiting(seller)]).shipment_ids
    assert stocks(linked) == (2, 8)
    shipment = db.session.get(Shipment, shipment_id)
    cream_order = next(o for o in shipment.orders if o.order_no == "Q-2")
    bundles.set_order(seller, user_of(seller), shipment, cream_order.id, deleted=True)
    assert stocks(linked) == (2, 10)
    bundles.set_order(seller, user_of(seller), db.session.get(Shipment, shipment_id), cream_order.id, deleted=False)
    assert stocks(linked) == (2, 8)


def test_a_line_that_took_its_stock_in_order_management_moves_nothing_again(seller, linked):
    order = add_order(seller, "Q-1", [("MASK-01", 1, "900")])
    line = db.session.query(ManualOrderLine).filter_by(order_id=order.id).one()
    line.product_id, line.option_id = db.session.get(ProductOption, linked["mask_option"]).product_id, linked[
        "mask_option"]  # as 수기주문 stores a line naming our product (it took the stock then)
    db.session.commit()
    receive_all(seller)
    assert stocks(linked) == (3, 10)
    assert db.session.query(ShipmentStockMove).count() == 0


def test_gifts_take_their_stock_and_the_stock_sync_hears_it(app, client, auth, seller, linked):
    add_order(seller, "Q-1", [("CREAM-50", 1, "900")])
    [shipment_id] = receive_all(seller).shipment_ids
    mask = linked["mask"]
    mask.is_gift = True
    db.session.commit()
    apply_gift(seller, user_of(seller), [shipment_id], mask.id, "2")
    assert stocks(linked) == (1, 9)

    heard = []

    def listen(_sender, tenant_id, product_ids, **_kw):
        heard.extend(product_ids)

    stock_changed.connect(listen)
    try:
        auth.login()
        resp = client.post("/fulfilment/bundles/delete", data={"ids": [shipment_id]})
        assert resp.status_code == 303
    finally:
        stock_changed.disconnect(listen)
    assert stocks(linked) == (3, 10)
    assert sorted(heard) == sorted({db.session.get(ProductOption, linked["mask_option"]).product_id,
                                    linked["cream"]})


def test_a_reship_sends_the_goods_again_and_takes_their_stock_again(seller, linked):
    add_order(seller, "Q-1", [("MASK-01", 1, "900")])
    [shipment_id] = receive_all(seller).shipment_ids
    assert stocks(linked) == (2, 10)
    [copy] = bundles.reship(seller, user_of(seller), [shipment_id], "RE")
    assert stocks(linked) == (1, 10)
    assert db.session.query(ShipmentStockMove).filter_by(shipment_id=copy.id).one().change == -1


def test_gifts_written_at_receipt_take_their_stock(seller, linked):
    """배송접수 writes an event's gifts and the gifts uploaded for the cart past the ORM; they still take stock."""
    from models import FulfilmentOrder, GiftEvent, GiftEventGift, ShipmentItem, WaitingGift

    mask = linked["mask"]
    mask.is_gift = True
    db.session.add(GiftEvent(tenant_id=seller.id, name="전원 증정", basis="cart", active=True,
                             gifts=[GiftEventGift(tenant_id=seller.id, sku_id=mask.id, quantity=1)]))
    add_order(seller, "Q-1", [("CREAM-50", 1, "900")])
    waiting.bring_in(seller)
    line = waiting.waiting(seller).one()
    db.session.add(WaitingGift(tenant_id=seller.id, order_id=line.id, cart_no=line.cart_no, sku_id=mask.id,
                               quantity=1))
    db.session.commit()
    [shipment_id] = receipt.receive(seller, user_of(seller), [line.id]).shipment_ids
    gifts = sorted((i.gift_event_id is not None, i.quantity) for i in
                   db.session.query(ShipmentItem).filter_by(shipment_id=shipment_id, is_gift=True))
    assert gifts == [(False, 1), (True, 1)]
    assert stocks(linked) == (1, 9)  # 3 − the event's mask − the uploaded mask; 10 − the ordered cream
    assert db.session.query(WaitingGift).one().shipment_id == shipment_id
    assert db.session.get(FulfilmentOrder, line.id).shipment_id == shipment_id


def test_many_products_settle_at_once_each_to_its_own_stock_never_below_zero(seller):
    """배송접수 of lines linked to many products: every product and option takes exactly its own units (the
    deltas are applied together), a product short of stock stops at zero, and the history names each SKU."""
    from models import Product

    products, skus = [], []
    for i in range(30):
        product = add_product(seller, f"P-{i:02d}", f"상품 {i}")
        product.stock = 5
        products.append(product)
        skus.append(add_sku(seller, f"SKU-{i:02d}", f"상품 {i}", product_id=product.id))
    option_product = add_product(seller, "P-OPT", "옵션 상품", ("블랙/S", "화이트/M"))
    black, white = option_product.options
    add_sku(seller, "OPT-B", "블랙", product_id=option_product.id, option_id=black.id)
    add_sku(seller, "OPT-W", "화이트", product_id=option_product.id, option_id=white.id)
    db.session.commit()
    for i in range(30):  # product i ordered i % 7 units (0 → left out)
        if i % 7:
            add_order(seller, f"Q-{i:02d}", [(f"SKU-{i:02d}", i % 7, "1000")])
    add_order(seller, "Q-OPT", [("OPT-B", 2, "1000"), ("OPT-W", 1, "1000")])
    outcome = receive_all(seller)
    db.session.expire_all()
    assert [db.session.get(Product, p.id).stock for p in products] == [max(5 - i % 7, 0) for i in range(30)]
    assert (db.session.get(ProductOption, black.id).stock, db.session.get(ProductOption, white.id).stock) == (1, 2)
    moves = db.session.query(ShipmentStockMove).filter(ShipmentStockMove.shipment_id.in_(outcome.shipment_ids)).all()
    assert sorted((m.product_id, m.change) for m in moves if m.option_id is None) == sorted(
        (p.id, -(i % 7)) for i, p in enumerate(products) if i % 7)
    said = " ".join(e.message for e in db.session.query(ShipmentEvent).filter_by(kind="stock"))
    assert "SKU-06 -6" in said and "OPT-B -2" in said and "SKU-07" not in said


@pytest.mark.skipif("postgresql" not in (__import__("os").environ.get("PORTAL_TEST_DATABASE_URL") or ""),
                    reason="concurrent writers need PostgreSQL")
def test_two_receipts_at_once_take_the_shared_stock_once_each(app, seller):
    """Two 배송접수 in parallel over the same products (in opposite orders): both stock changes land, neither
    overwrites the other, and the two never deadlock."""

    from models import Product, User

    products = []
    for i in range(20):
        product = add_product(seller, f"C-{i:02d}", f"공용 상품 {i}")
        product.stock = 100
        products.append(product)
        add_sku(seller, f"CS-{i:02d}", f"공용 상품 {i}", product_id=product.id)
    db.session.commit()
    for n in range(2):
        for i in range(20):
            add_order(seller, f"R{n}-{i:02d}", [(f"CS-{i:02d}", n + 1, "1000")], name=f"고객{n}{i}",
                      phone=f"090-{n}{i:03d}-0000")
    waiting.bring_in(seller)
    rows = waiting.waiting(seller).all()
    halves = [[r.id for r in rows if r.order_no.startswith("R0")], [r.id for r in reversed(rows)
                                                                   if r.order_no.startswith("R1")]]
    user_id = user_of(seller).id

    def receive(part):
        def step(ready):
            tenant, me = db.session.get(type(seller), seller.id), db.session.get(User, user_id)
            ready()
            receipt.receive(tenant, me, part)
        return step

    assert at_once(app, *(receive(h) for h in halves)) == []
    db.session.expire_all()
    assert [db.session.get(Product, p.id).stock for p in products] == [97] * 20  # 100 − 1 − 2
