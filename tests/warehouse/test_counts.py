"""The totals the unfiltered 재고관리 and 상품정보목록 show come from counts the database keeps:
they follow every registration, refusal and removal, per seller."""
import re

from models import WarehouseItem
from models.warehouse import ITEM_REFUSED
from portal.extensions import db

from .conftest import make_item


def _total(client, url) -> int:
    return int(re.search(r'<p class="count">[^0-9]*(\d+)', client.get(url).get_data(as_text=True)).group(1))


def test_unfiltered_totals_follow_registrations_refusals_and_removals(wh_client, wh_seller, other_seller):
    made = [make_item(wh_seller, f"D1000000000000{i:02d}", available=i) for i in range(3)]
    make_item(other_seller, "D200000000000001")  # another seller's item is not counted
    assert _total(wh_client, "/warehouse/stock") == 3 and _total(wh_client, "/warehouse/items") == 3
    made[0].status = ITEM_REFUSED
    db.session.commit()
    assert _total(wh_client, "/warehouse/stock") == 2 and _total(wh_client, "/warehouse/items/failed") == 1
    db.session.delete(db.session.get(WarehouseItem, made[1].id))
    db.session.commit()
    assert _total(wh_client, "/warehouse/stock") == 1 and _total(wh_client, "/warehouse/items") == 1
    # a filtered page still counts what it finds
    assert _total(wh_client, "/warehouse/stock?low=1") == 0
    assert _total(wh_client, f"/warehouse/stock?q={made[2].fnsku}&field=fnsku") == 1
