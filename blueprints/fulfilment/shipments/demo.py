"""Demo 배송관리 for a Japan-bound seller: a SKU master (singles, a set, a gift), Qoo10 and Rakuten orders
brought in as uploaded orders, and shipments in several states and ages (접수, 미입고, 입고, 출고, 통관,
배송중, 배송완료), each with its history; some orders stay in 대기목록 (one held, one unmatched); a Qoo10
gift event (선착순 한정 마스크팩) applied to the shipments still before 입고."""
from datetime import timedelta
from decimal import Decimal

from flask import current_app, has_request_context

from models import FulfilmentOrder, FulfilmentSku, ManualOrder, ManualOrderLine, Shipment
from models.base import utcnow
from models.shipment import BY_SUPPORT
from portal.extensions import db
from portal.tenancy import tenant_query

from ..sku_master import services as sku_services
from . import receipt, waiting
from .events import change_status

SKUS = [  # code, 한글 피킹명, English, customs, weight, HS, barcode, location, gift
    ("KSE-MASK-01", "[A17-F2] 닥터지 로얄 블랙 스네일 마스크 1EA", "Dr.G Royal Black Snail Mask", "SKIN CARE COSMETIC",
     "0.030", "3304.99", "8809520469395", "A17-F2", False),
    ("KSE-CREAM-50", "[A17-A1] 하이드로 크림 50ml", "Hydro Cream 50ml", "SKIN CARE COSMETIC", "0.085", "3304.99",
     "8809667983242", "A17-A1", False),
    ("KSE-CUSHION-R", "[A17-C2] 글로우 쿠션 리필 #17N1", "Glow Cushion Refill 17N1", "MAKE UP COSMETIC", "0.040",
     "3304.91", "8809685810315", "A17-C2", False),
    ("KSE-GIFT-PACK", "큐텐메가와리 행사용 증정 마스크팩", "Gift mask pack", "SKIN CARE COSMETIC", "0.025", "3304.99",
     "2093606889870", "A17-G1", True),
]
# platform, order no, cart, recipient, kana, phone, zip, address, [(code, qty, amount)]
ORDERS = [
    ("qoo10jp", "855327234", "284480083", "駒摺幸穂", "コマスリ サチホ", "090-1111-2201", "150-0001", "東京都渋谷区神宮前1-1-1",
     [("KSE-CREAM-50", 1, "4050")]),
    ("qoo10jp", "855327235", "284480083", "駒摺幸穂", "コマスリ サチホ", "090-1111-2201", "150-0001", "東京都渋谷区神宮前1-1-1",
     [("KSE-MASK-01,KSE-MASK-01", 2, "3600")]),
    ("qoo10jp", "855310307", "284471802", "加来佳奈", "カキ カナ", "080-2222-3302", "530-0001", "大阪府大阪市北区梅田3-1",
     [("KSE-CUSHION-R", 3, "2820")]),
    ("rakuten", "392811-20261130-0001", "392811-20261130-0001", "田中花子", "タナカ ハナコ", "03-1234-5678", "100-0001",
     "東京都千代田区千代田1-1", [("KSE-SET-3", 1, "8800")]),
    ("rakuten", "392811-20261130-0002", "392811-20261130-0002", "山口あまね", "ヤマグチ アマネ", "080-5284-6742",
     "036-8001", "青森県弘前市中野2-10-11", [("KSE-CREAM-50", 2, "8100")]),
    ("qoo10jp", "855256958", "284455049", "松岡結衣", "マツオカ ユイ", "070-3333-4404", "420-0001", "静岡県静岡市葵区1-2",
     [("KSE-MASK-01", 5, "4500")]),
    ("qoo10jp", "855256959", "284455050", "佐藤一郎", "サトウ イチロウ", "090-5555-6606", "980-0001", "宮城県仙台市青葉区2-3",
     [("KSE-CREAM-50", 1, "4050")]),
    ("qoo10jp", "855256960", "284455051", "鈴木次郎", "スズキ ジロウ", "090-7777-8808", "460-0001", "愛知県名古屋市中区3-4",
     [("KSE-CUSHION-R", 1, "940")]),
    ("rakuten", "392811-20261201-0003", "392811-20261201-0003", "高橋美咲", "タカハシ ミサキ", "090-9999-0010",
     "810-0001", "福岡県福岡市中央区天神1-1", [("KSE-MASK-01", 10, "9000")]),
    ("qoo10jp", "855256961", "284455052", "伊藤健", "イトウ ケン", "080-1212-3434", "060-0001", "北海道札幌市中央区北1条",
     [("KSE-CREAM-50", 1, "4050")]),
    ("qoo10jp", "855256962", "284455053", "渡辺愛", "ワタナベ アイ", "070-5656-7878", "700-0001", "岡山県岡山市北区1-1",
     [("NEW-ITEM-77", 1, "1980")]),
]
# cart → (tracking code reached, days ago it was registered, days ago it reached that code)
STATES = {"284480083": ("A00", 0, 0), "284471802": ("A10", 6, 5), "392811-20261130-0001": ("A99", 4, 3),
          "392811-20261130-0002": ("B00", 8, 6), "284455049": ("C90", 10, 8), "284455050": ("D11", 16, 12),
          "284455051": ("D99", 20, 14)}
FLOW = ["A10", "A99", "B00", "B11", "B99", "C11", "C90", "D00", "D11", "D99"]


def load(tenant) -> None:
    if has_request_context():
        _load(tenant)
    else:
        with current_app.test_request_context():  # messages are Korean through Flask-Babel
            _load(tenant)


def _load(tenant) -> None:
    """Idempotent: a seller who already has the demo SKUs is left alone."""
    if tenant_query(FulfilmentSku, tenant).filter_by(code_key="kse-mask-01").count():
        return
    from models import User
    user = db.session.query(User).filter_by(tenant_id=tenant.id, is_master=True).first()
    if user is None:
        return
    for code, name, name_en, customs, weight, hs, barcode, location, gift in SKUS:
        sku_services.save_single(tenant, user, {"code": code, "name": name, "name_en": name_en, "customs_name_en": customs,
                                                "weight_kg": weight, "hs_code": hs, "barcode": barcode, "origin": "KR",
                                                "location": location, "is_gift": "Y" if gift else "N"})
    sku_services.save_combo(tenant, user, {"code": "KSE-SET-3", "name": "[세트] 마스크 2 + 크림 1",
                                           "components": "KSE-MASK-01*2, KSE-CREAM-50"})
    have = {no for (no,) in tenant_query(ManualOrder, tenant).with_entities(ManualOrder.order_no)}
    for platform, order_no, cart, name, kana, phone, zip_code, address, lines in ORDERS:
        if order_no in have:
            continue
        order = ManualOrder(tenant_id=tenant.id, platform=platform, country="JP", order_no=order_no,
                            recipient_name=name, recipient_phone=phone, zip_code=zip_code, address=address,
                            currency="JPY", source="excel", product_url="https://www.qoo10.jp/g/1000000",
                            order_date=utcnow() - timedelta(days=STATES.get(cart, ("", 1, 0))[1] + 1))
        order.lines = [ManualOrderLine(tenant_id=tenant.id, sku=code, quantity=qty, line_amount=Decimal(amount),
                                       product_name=f"[{platform}] {code}") for code, qty, amount in lines]
        db.session.add(order)
    db.session.commit()
    waiting.bring_in(tenant)
    ours = {no: (cart, kana) for _p, no, cart, _n, kana, *_rest in ORDERS}
    rows = waiting.waiting(tenant).filter(FulfilmentOrder.order_no.in_(list(ours))).all()
    for row in rows:
        row.cart_no, row.recipient_kana = ours[row.order_no]
    db.session.commit()
    waiting.hold(tenant, user, [r.id for r in rows if r.order_no == "855256961"], "재고 입고 대기")
    receipt.receive(tenant, user, [r.id for r in rows if r.cart_no in STATES])
    now = utcnow()
    for shipment in tenant_query(Shipment, tenant):
        code, registered, reached = STATES[shipment.cart_no]
        shipment.created_at = now - timedelta(days=registered)
        for event in shipment.events:
            event.at = shipment.created_at
        if code == "A00":
            continue
        steps = FLOW[:FLOW.index(code) + 1] if code != "A10" else ["A10"]
        span = max(registered - reached, 1)
        for i, step in enumerate(steps):
            when = shipment.created_at + timedelta(days=span * (i + 1) / len(steps))
            if step == steps[-1]:
                when = now - timedelta(days=reached)
            change_status(shipment, step, None, "", by=BY_SUPPORT, happened_at=when)
            shipment.events[-1].at = when
        if code not in ("A10",):
            shipment.intl_carrier, shipment.intl_tracking_no = "SAGAWA", f"3578877{shipment.id:05d}"
    db.session.commit()
    _gift_event(tenant, user)


def _gift_event(tenant, user) -> None:
    """이벤트관리 demo: Qoo10 boxes get the gift mask pack, first 100 pieces only; applied once to the
    shipments before 입고 (later 배송접수 apply it by themselves while it is ON)."""
    from models import GiftEvent, GiftEventGift

    from ..gifts import apply

    gift = tenant_query(FulfilmentSku, tenant).filter_by(code_key="kse-gift-pack").one()
    event = GiftEvent(tenant_id=tenant.id, name="메가와리 마스크팩 증정 (선착순 100개)", basis="cart",
                      channels=["qoo10jp"], created_by_id=user.id, updated_by_id=user.id,
                      gifts=[GiftEventGift(tenant_id=tenant.id, sku_id=gift.id, quantity=1, limit_count=100)])
    db.session.add(event)
    db.session.flush()
    apply.apply_event(event, apply.plan_event(event, apply.event_shipments(tenant.id)), user.id)
    db.session.commit()

