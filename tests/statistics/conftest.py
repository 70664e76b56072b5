"""Fixtures for 통계관리: a seller with a few hundred orders from every source and every kind of claim."""
import random
from datetime import UTC, datetime, timedelta

import pytest

from blueprints.statistics.periods import today_kst
from models import ChannelAccount, ChannelOrder, ChannelOrderLine, ManualOrder, ManualOrderLine, OrderClaim, Product
from portal.extensions import db
from portal.marketplaces import KST

ADDRESSES = ["서울특별시 강남구 테헤란로 1", "서울 마포구 월드컵로 2", "경기도 성남시 분당구 판교역로 3",
             "부산광역시 해운대구 센텀중앙로 79", "제주특별자치도 제주시 첨단로 4", "東京都千代田区千代田1-1"]
CATEGORIES = [("01010101", "패션의류 > 여성의류 > 원피스 > 미니원피스"), ("01010102", "패션의류 > 여성의류 > 원피스 > 롱원피스"),
              ("0201", "가구 > 침실가구"), ("", "")]


def kst_wall(days_ago: int, hour: int, minute: int = 0) -> datetime:
    """Naive UTC of a KST wall time days_ago days back (what ordered_at stores)."""
    day = today_kst() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=KST).astimezone(UTC).replace(tzinfo=None)


def build_orders(tenant, n_orders: int = 300, days: int = 60, seed: int = 15) -> dict:
    """Collected orders with cancellations, partial cancels, returns, exchanges, 판매취소, requested claims,
    orders at 23:5x and 00:0x KST, and 수기주문 (typed in and uploaded, some 강제취소)."""
    rnd = random.Random(seed)
    accounts = [ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias=f"{i}호점", status="active")
                for i in (1, 2)]
    products = [Product(tenant_id=tenant.id, name=f"통계상품{i}", category_code=code, category_path=path,
                        stock=50 + i, own_code=f"ST{i}") for i, (code, path) in enumerate(CATEGORIES * 2)]
    db.session.add_all(accounts + products)
    db.session.flush()
    claim_no = 0
    for i in range(n_orders):
        account = accounts[i % 2]
        hour, minute = rnd.choice([(23, 55), (0, 5), (9, 0), (14, 30), (23, 59), (0, 0)])
        at = kst_wall(rnd.randrange(days), hour, minute)
        order = ChannelOrder(tenant_id=tenant.id, account_id=account.id, channel="sandbox",
                             channel_order_id=f"S{i}", ordered_at=at, address=rnd.choice(ADDRESSES))
        db.session.add(order)
        for j in range(rnd.choice([1, 1, 2, 3])):
            product = rnd.choice(products + [None])
            qty, price = rnd.randint(1, 4), rnd.choice([9900, 19900, 35000, 123450])
            line = ChannelOrderLine(tenant_id=tenant.id, order=order, account_id=account.id, channel="sandbox",
                                    channel_order_id=order.channel_order_id, channel_line_id=str(j + 1),
                                    ordered_at=at, product_name=product.name if product else "미연결상품",
                                    option_name=rnd.choice(["", "블랙/M", "화이트/L"]), quantity=qty,
                                    unit_price=price, amount=qty * price - rnd.choice([0, 0, 1000]),
                                    product_id=product.id if product else None, status="DELIVERED")
            db.session.add(line)
            db.session.flush()
            roll = rnd.random()
            claim_at = at + timedelta(hours=rnd.choice([1, 14, 30, 24 * 5]))
            if roll < 0.35:
                kind, status = rnd.choice([("CANCEL", "CANCELED"), ("RETURN", "RETURNED"), ("EXCHANGE", "EXCHANGED"),
                                           ("CANCEL", "CANCEL_REQUESTED"), ("RETURN", "RETURN_REJECTED")])
                claim_no += 1
                db.session.add(OrderClaim(tenant_id=tenant.id, account_id=account.id, channel="sandbox",
                                          channel_claim_id=f"C{claim_no}", kind=kind, status=status,
                                          channel_order_id=order.channel_order_id,
                                          channel_line_id=line.channel_line_id, line_id=line.id,
                                          quantity=rnd.randint(1, qty), requested_at=claim_at))
                if status in ("CANCELED", "RETURNED", "EXCHANGED"):
                    line.status = status
            elif roll < 0.42:
                line.status, line.updated_at = "CANCELED", claim_at  # 판매취소 by the seller, no claim row
    for i in range(n_orders // 5):
        created = kst_wall(rnd.randrange(days), rnd.choice([0, 12, 23]), rnd.choice([1, 59]))
        order = ManualOrder(tenant_id=tenant.id, platform=rnd.choice(["카카오톡 주문", "인스타그램"]),
                            order_no=f"M{i}", recipient_name="수기", recipient_phone="010-1234-5678",
                            zip_code="04524", address=rnd.choice(ADDRESSES), source=rnd.choice(["form", "excel"]),
                            total_paid=rnd.choice([None, 30000, 45001]), paid_amount=rnd.choice([None, 20000]),
                            order_amount=rnd.choice([None, 10000]), created_at=created)
        if rnd.random() < 0.2:
            order.canceled_at = created + timedelta(hours=rnd.choice([2, 30]))
        db.session.add(order)
        db.session.flush()
        for j in range(rnd.choice([1, 2])):
            product = rnd.choice(products)
            db.session.add(ManualOrderLine(tenant_id=tenant.id, order_id=order.id, sku=product.own_code,
                                           quantity=rnd.randint(1, 3), product_id=product.id))
    db.session.commit()
    return {"accounts": accounts, "products": products}


@pytest.fixture
def book(seller):
    return seller, build_orders(seller)


@pytest.fixture
def master_client(client, auth, seller):
    auth.login()
    return client
