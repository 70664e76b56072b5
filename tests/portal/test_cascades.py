"""What a parent's delete does to bulk-written rows (options, history, 수기주문 lines): kept by the
database's triggers on both databases, whoever deletes and however."""
from sqlalchemy import delete, func, select

from models import ManualOrder, ManualOrderLine, Product, ProductHistory, ProductOption
from portal.extensions import db


def _product(tenant) -> Product:
    product = Product(tenant_id=tenant.id, own_code="TEE", name="반팔 티셔츠", option_names=["색상"],
                      options=[ProductOption(tenant_id=tenant.id, no=1, values="블랙", stock=3),
                               ProductOption(tenant_id=tenant.id, no=2, values="화이트", stock=5)])
    db.session.add(product)
    db.session.flush()
    db.session.add(ProductHistory(tenant_id=tenant.id, product_id=product.id, action="등록"))
    db.session.commit()
    return product


def _order(tenant, product: Product, option: ProductOption | None) -> ManualOrder:
    order = ManualOrder(tenant_id=tenant.id, platform="스마트스토어", order_no="A-1", recipient_name="김수취",
                        recipient_phone="010-1234-5678", zip_code="07583", address="서울특별시 강서구",
                        lines=[ManualOrderLine(tenant_id=tenant.id, sku="TEE:블랙", quantity=2,
                                               product_id=product.id, option_id=option.id if option else None)])
    db.session.add(order)
    db.session.commit()
    return order


def _count(model, **where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_an_order_line_outlives_the_option_combination_it_named(seller):
    product = _product(seller)
    black = product.options[0]
    order = _order(seller, product, black)
    product.options = [ProductOption(tenant_id=seller.id, no=1, values="네이비", stock=1)]  # edited away
    db.session.commit()
    db.session.expire_all()
    line = db.session.scalars(select(ManualOrderLine).filter_by(order_id=order.id)).one()
    assert (line.sku, line.quantity, line.product_id, line.option_id) == ("TEE:블랙", 2, product.id, None)


def test_deleting_an_order_outside_the_orm_deletes_its_lines(seller):
    product = _product(seller)
    kept = _order(seller, product, None)
    gone = ManualOrder(tenant_id=seller.id, platform="쿠팡", order_no="B-1", recipient_name="이수취",
                       recipient_phone="010-2222-3333", zip_code="07583", address="서울특별시 강서구",
                       lines=[ManualOrderLine(tenant_id=seller.id, sku="TEE", quantity=1)])
    db.session.add(gone)
    db.session.commit()
    db.session.execute(delete(ManualOrder).where(ManualOrder.id == gone.id))
    db.session.commit()
    assert _count(ManualOrderLine, order_id=gone.id) == 0
    assert _count(ManualOrderLine, order_id=kept.id) == 1


def test_deleting_a_product_outside_the_orm_takes_its_options_and_history(seller):
    product, other = _product(seller), Product(tenant_id=seller.id, own_code="CAP", name="모자")
    db.session.add(other)
    db.session.commit()
    order = _order(seller, product, product.options[1])
    db.session.execute(delete(Product).where(Product.id == product.id))
    db.session.commit()
    assert _count(ProductOption, product_id=product.id) == 0
    assert _count(ProductHistory, product_id=product.id) == 0
    assert _count(Product, id=other.id) == 1
    line = db.session.scalars(select(ManualOrderLine).filter_by(order_id=order.id)).one()
    assert line.option_id is None  # its combination went with the product's options
