"""Ids of 창고관리 rows for the URL-map sweep: seller A's item, inbound and milk-run outbound."""
from models import Tenant
from models.warehouse import MILKRUN
from portal.extensions import db


def owned_args(tenant) -> dict:
    from blueprints.warehouse.services import files
    from models import OutboundLine, OutboundRequest

    from .conftest import PDF, make_inbound, make_item

    for company in Tenant.query.all():  # the sweep walks the menu as every company that uses it
        company.warehouse_enabled = True
    item = make_item(tenant, "SWEEP0000001", available=5)
    inbound = make_inbound(tenant, item)
    folder = files.folder(tenant.id)
    name = "0" * 32 + ".pdf"
    with open(f"{folder}/{name}", "wb") as fh:
        fh.write(PDF)
    image = "1" * 32 + ".jpg"
    with open(f"{folder}/{image}", "wb") as fh:
        fh.write(b"\xff\xd8\xff")
    item.image = image
    out = OutboundRequest(tenant_id=tenant.id, no="EO000000000001", order_no="O-1", po_no="12873360",
                          recipient_name="쿠팡", recipient_phone="031-000-0000", province="경기도", city="고양시",
                          zipcode="10250", address="물류센터", transport=MILKRUN, attachment=name,
                          attachment_name="부착서.pdf",
                          lines=[OutboundLine(tenant_id=tenant.id, item_id=item.id, quantity=1)])
    db.session.add(out)
    db.session.commit()
    return {"item_id": item.id, "request_id": out.id, "inbound_id": inbound.id, "outbound_id": out.id}
