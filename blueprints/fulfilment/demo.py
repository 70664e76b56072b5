"""Demo 수기주문: a few orders typed in for the demo seller, naming its registered demo products as SKUs;
its 라쿠텐 주문서 매칭 (a copy of the Rakuten preset) and a Rakuten item code linked to a demo product."""
from models import ImportProfile, ManualOrder
from portal.extensions import db
from portal.tenancy import tenant_query

from .mapping import Source
from .presets import RAKUTEN
from .rules import Invalid, ManualDraft
from .services import create_order
from .skus import teach

# (platform, order no, recipient, phone, zip, address, [(SKU, quantity)], country, product URL)
ORDERS = (
    ("카카오톡 주문", "KT-20261201-001", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110",
     [("DEMO05", "2"), ("DEMO02:블랙/M", "1")], "KR", ""),
    ("인스타그램", "IG-1001", "박철수", "010-4444-5555", "48058", "부산광역시 해운대구 센텀중앙로 79",
     [("DEMO07", "1")], "KR", ""),
    ("라쿠텐", "RK-77001", "田中 花子", "+81-3-1234-5678", "100-0001", "東京都千代田区千代田1-1",
     [("DEMO08:화이트", "1")], "JP", "https://item.rakuten.co.jp/demo-shop/demo08/"),
)


def load(tenant) -> None:
    """Idempotent: an order number already there is left alone; a SKU the demo catalogue lacks skips its order."""
    have = {no for (no,) in tenant_query(ManualOrder, tenant).with_entities(ManualOrder.order_no)}
    for platform, order_no, name, phone, zip_code, address, lines, country, url in ORDERS:
        if order_no in have:
            continue
        draft = ManualDraft(platform=platform, order_no=order_no, recipient_name=name, recipient_phone=phone,
                            zip_code=zip_code, address=address, country=country, product_url=url,
                            message="부재 시 문 앞에 놓아 주세요.", lines=lines)
        try:
            create_order(tenant, None, draft)
        except Invalid:
            continue  # the products menu did not register that SKU in this installation
    if not tenant_query(ImportProfile, tenant).filter_by(platform="라쿠텐").count():
        profile = RAKUTEN.profile()
        profile.fields["product_url"] = Source(value="https://item.rakuten.co.jp/demo-shop/")
        db.session.add(ImportProfile(tenant_id=tenant.id, platform="라쿠텐", mapping_json=profile.dump()))
        db.session.commit()
    try:
        teach(tenant, "라쿠텐", "demo-shop-10000008-wht", "DEMO08:화이트")
    except Invalid:
        pass  # no such demo product here
