"""Demo 창고관리: a 로켓그로스 seller's Chinese-named items, receipts in every state, a milk-run and a parcel."""
from blueprints.products import demo as product_demo
from blueprints.warehouse import demo
from models import InboundRequest, OutboundRequest, StockLedger, WarehouseItem

from .conftest import centre


def test_demo_shows_every_state_and_agrees_with_its_ledger(app, seller, wh_client):
    centre()
    product_demo.load(seller)
    demo.load(seller)
    demo.load(seller)  # loaded once
    assert seller.warehouse_enabled
    items = WarehouseItem.query.filter_by(tenant_id=seller.id).all()
    assert len(items) == 6 and all(any("\u4e00" <= ch <= "\u9fff" for ch in i.name_zh) for i in items)
    assert {r.status for r in InboundRequest.query} == {"waiting", "partial", "done", "refused"}
    outs = {o.transport: o for o in OutboundRequest.query}
    assert outs["milkrun"].attachment and outs["milkrun"].centre is not None
    assert outs["parcel"].status == "shipped" and outs["parcel"].tracking_no
    for item in items:  # every item's stock is the sum of its ledger
        assert item.available == sum(r.change for r in StockLedger.query.filter_by(item_id=item.id))
    assert items[0].option_id is not None
    for url in ("/warehouse/stock", "/warehouse/items", "/warehouse/items/failed", "/warehouse/inbound",
                "/warehouse/inbound/failed", "/warehouse/outbound", "/dashboard"):
        assert wh_client.get(url).status_code == 200, url
    milkrun = outs["milkrun"]
    assert wh_client.get(f"/warehouse/outbound/{milkrun.id}/attachment").data.startswith(b"%PDF")
