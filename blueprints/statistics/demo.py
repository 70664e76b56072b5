"""Demo sales history: 90 days of finished orders, claims and 수기주문 so every statistics page has figures."""
import random
from datetime import UTC, datetime, time, timedelta

from models import ChannelAccount, ChannelOrder, ChannelOrderLine, ManualOrder, ManualOrderLine, OrderClaim, Product
from portal.extensions import db
from portal.marketplaces import KST
from portal.tenancy import tenant_query

from .periods import today_kst

PREFIX = "ST-"
DAYS = 90
ADDRESSES = ("서울특별시 강남구 테헤란로 152", "서울특별시 마포구 월드컵북로 396", "경기도 성남시 분당구 판교역로 235",
             "경기도 수원시 영통구 광교로 156", "부산광역시 해운대구 센텀중앙로 79", "대구광역시 수성구 달구벌대로 2450",
             "인천광역시 연수구 송도과학로 32", "광주광역시 서구 상무중앙로 110", "대전광역시 유성구 대학로 99",
             "강원특별자치도 춘천시 중앙로 1", "제주특별자치도 제주시 첨단로 242", "충청남도 천안시 동남구 만남로 43")
NAMES = ("김민준", "이서연", "박지호", "최수아", "정도윤", "강하은", "조예준", "윤지우")


def _utc(day, hour, minute):
    return datetime.combine(day, time(hour, minute), KST).astimezone(UTC).replace(tzinfo=None)


def load_demo_history(tenant) -> None:
    """Idempotent: a seller who already has the history (orders numbered ST-…) gets nothing more."""
    if tenant_query(ChannelOrder, tenant).filter(ChannelOrder.channel_order_id.startswith(PREFIX)).first():
        return
    accounts = tenant_query(ChannelAccount, tenant).order_by(ChannelAccount.id).all()
    if not accounts:
        from blueprints.account.demo import load_demo_accounts

        load_demo_accounts(tenant)
        accounts = tenant_query(ChannelAccount, tenant).order_by(ChannelAccount.id).all()
    products = (tenant_query(Product, tenant).filter(Product.deleted_at.is_(None)).order_by(Product.id).limit(12).all())
    if not accounts or not products:
        return
    rnd = random.Random(tenant.id * 7919)
    today, n, claims = today_kst(), 0, 0
    for back in range(DAYS, 1, -1):  # the last two days come from the live demo collection
        day = today - timedelta(days=back)
        for _ in range(rnd.randint(2, 9) + (3 if day.weekday() >= 5 else 0)):
            n += 1
            account = rnd.choice(accounts)
            at = _utc(day, rnd.randint(0, 23), rnd.randint(0, 59))
            name = rnd.choice(NAMES)
            order = ChannelOrder(tenant_id=tenant.id, account_id=account.id, channel=account.channel,
                                 channel_order_id=f"{PREFIX}{n:06d}", ordered_at=at, buyer_name=name,
                                 recipient_name=name, recipient_phone="010-0000-0000", zip_code="06236",
                                 address=rnd.choice(ADDRESSES))
            total = 0
            for no in range(1, 3 if rnd.random() < 0.2 else 2):
                product = rnd.choice(products)
                qty, price = rnd.choice((1, 1, 1, 2, 3)), max(product.rep_price, 9900) // 100 * 100
                option = product.options[0].values if product.options else ""
                line = ChannelOrderLine(tenant_id=tenant.id, order=order, account_id=account.id,
                                        channel=account.channel, channel_order_id=order.channel_order_id,
                                        channel_line_id=str(no), ordered_at=at, product_name=product.name,
                                        option_name=option, quantity=qty, unit_price=price, amount=qty * price,
                                        product_id=product.id, seller_code=product.own_code or "",
                                        status="PURCHASE_DECIDED", invoice_state="sent", done_at=at)
                total += qty * price
                db.session.add(line)
                roll = rnd.random()
                if roll < 0.12:
                    kind, status = (("CANCEL", "CANCELED"), ("RETURN", "RETURNED"), ("EXCHANGE", "EXCHANGED"))[
                        0 if roll < 0.05 else 1 if roll < 0.1 else 2]
                    claims += 1
                    line.status = status
                    db.session.flush()
                    db.session.add(OrderClaim(tenant_id=tenant.id, account_id=account.id, channel=account.channel,
                                              channel_claim_id=f"{PREFIX}C{claims:06d}", kind=kind, status=status,
                                              channel_order_id=order.channel_order_id, channel_line_id=str(no),
                                              line_id=line.id, quantity=qty, reason="단순변심",
                                              requested_at=at + timedelta(hours=rnd.randint(2, 72))))
            order.total_amount = total
            db.session.add(order)
        if rnd.random() < 0.5:
            _manual(tenant, rnd, day, products, n)
    db.session.commit()


def _manual(tenant, rnd, day, products, n) -> None:
    created = _utc(day, rnd.randint(9, 20), rnd.randint(0, 59))
    product = rnd.choice([p for p in products if p.own_code] or products)
    qty = rnd.randint(1, 3)
    paid = qty * max(product.rep_price, 9900) // 100 * 100
    order = ManualOrder(tenant_id=tenant.id, platform=rnd.choice(("카카오톡 주문", "인스타그램", "전화주문")),
                        order_no=f"{PREFIX}M{n:06d}", recipient_name=rnd.choice(NAMES), recipient_phone="010-0000-0000",
                        zip_code="06236", address=rnd.choice(ADDRESSES), source=rnd.choice(("form", "excel")),
                        order_amount=paid, paid_amount=paid, total_paid=paid, created_at=created, updated_at=created)
    db.session.add(order)
    db.session.flush()
    db.session.add(ManualOrderLine(tenant_id=tenant.id, order_id=order.id, sku=product.own_code or product.code or "",
                                   quantity=qty, product_id=product.id))
