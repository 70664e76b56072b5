"""창고관리 fixtures: a 로켓그로스 seller with the menu on, signed in, and helpers that make rows."""
import io
from decimal import Decimal

import pytest
from PIL import Image

from models import CoupangCentre, InboundLine, InboundRequest, WarehouseItem
from portal.extensions import db

from ..conftest import PASSWORD, make_user


def jpeg(color=(200, 30, 30), name="item1.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", (50, 50), color).save(buf, "JPEG")
    buf.seek(0)
    return buf, name


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def item_form(i=0, **over) -> dict:
    data = {"fnsku": f"D11398561840{i:04d}", "warehouse": "ICN", "owner_name": "가나다상회",
            "seller_sku": f"SKU-{i}", "name_zh": "纯色圆领毛衣女", "name_en": "Solid crew-neck sweater",
            "customs_value": "8.90", "currency": "USD", "weight_kg": "0.4", "width_cm": "30",
            "depth_cm": "20", "height_cm": "5", "has_battery": "no"}
    data.update(over)
    return {f"items-{i}-{k}": v for k, v in data.items()}


def make_item(tenant, fnsku="D118024465402037", available=0, **over) -> WarehouseItem:
    values = dict(tenant_id=tenant.id, fnsku=fnsku, warehouse="ICN", owner_name=tenant.name,
                  seller_sku=fnsku, name_zh="羽绒棉服女冬短款", name_en="Padded jacket",
                  customs_value=Decimal("18.5"), weight_kg=Decimal("0.8"), width_cm=Decimal("40"),
                  depth_cm=Decimal("30"), height_cm=Decimal("8"), available=available)
    values.update(over)
    item = WarehouseItem(**values)
    db.session.add(item)
    db.session.commit()
    return item


def make_inbound(tenant, item, quantity=10) -> InboundRequest:
    req = InboundRequest(tenant_id=tenant.id, no=f"IN{item.id:014d}", lines=[InboundLine(
        tenant_id=tenant.id, item_id=item.id, quantity=quantity, box_no="BOX-1", box_width_cm=60,
        box_depth_cm=40, box_height_cm=40)])
    db.session.add(req)
    db.session.commit()
    return req


def centre(name="고양1") -> CoupangCentre:
    """The migration's list is emptied between tests; each test keeps the centre it uses."""
    found = CoupangCentre.query.filter_by(name=name).first()
    if found is None:
        found = CoupangCentre(code="GOY1", name=name, address="")
        db.session.add(found)
        db.session.commit()
    return found


@pytest.fixture
def wh_seller(seller):
    seller.warehouse_enabled = True
    db.session.commit()
    return seller


@pytest.fixture
def wh_client(app, wh_seller):
    client = app.test_client()
    assert client.post("/login", data={"login_id": "sellerAmaster", "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def support_client(app, support):
    client = app.test_client()
    assert client.post("/login", data={"login_id": "support01", "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def wh_staff(wh_seller):
    return make_user("whstaff", wh_seller, duties=["logistics"])
