"""사은품관리 / 이벤트관리: gifts once per 접수번호, events with their conditions previewed then applied (twice
adds nothing), 한정수량, 비율 지급, the Excel upload with every reason, and the 배송접수 hook."""
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from blueprints.fulfilment.gifts.apply import apply_active_events
from models import GiftEvent, GiftEventGift, JobRun, ShipmentEvent, ShipmentItem
from portal.extensions import db
from portal.queues import wait_inline_jobs

from tests.concurrency import at_once

from ..conftest import make_user
from .shipments import make_shipment, make_sku


@pytest.fixture
def mask(seller):
    return make_sku(seller, "gift-maskpak-1ea", "큐텐메가와리 행사용 증정용 마스크팩", gift=True)


@pytest.fixture
def logistics(client, auth, seller):
    make_user("shipper", seller, duties=["logistics"])
    auth.login("shipper")
    return client


def gifts_of(shipment):
    db.session.expire_all()
    return [(i.sku_code, i.quantity, i.channel) for i in db.session.query(ShipmentItem).filter_by(
        shipment_id=shipment.id, is_gift=True)]


def test_bulk_gift_once_per_receipt_number_with_the_chosen_quantity(logistics, seller, mask):
    first, second = make_shipment(seller), make_shipment(seller)
    received = make_shipment(seller, status="A99")
    data = {"shipment_ids": [first.id, second.id, received.id], "sku_id": mask.id, "quantity": "2"}
    page = logistics.post("/fulfilment/gifts/apply", data=data, follow_redirects=True).get_data(as_text=True)
    assert "2건에 사은품을 적용했습니다." in page
    assert f"{received.receipt_no}: 입고된 배송건에는 사은품을 추가할 수 없습니다." in page
    assert gifts_of(first) == [("gift-maskpak-1ea", 2, "gift")] and gifts_of(received) == []

    page = logistics.post("/fulfilment/gifts/apply", data=data, follow_redirects=True).get_data(as_text=True)
    assert "0건에 사은품을 적용했습니다." in page
    assert f"{first.receipt_no}: 같은 사은품이 이미 적용되어 있습니다." in page
    assert gifts_of(first) == [("gift-maskpak-1ea", 2, "gift")]
    detail = logistics.get(f"/fulfilment/tracking/{first.id}").get_data(as_text=True)
    assert 'data-channel="gift"' in detail and "사은품 일괄 적용" in detail


def test_bulk_gift_refuses_a_bad_quantity_and_another_sellers_gift(logistics, seller, other_seller, mask):
    shipment = make_shipment(seller)
    theirs = make_sku(other_seller, "THEIR-GIFT", "남의 사은품", gift=True)
    page = logistics.post("/fulfilment/gifts/apply", data={"shipment_ids": [shipment.id], "sku_id": mask.id,
                                                            "quantity": "0"}, follow_redirects=True)
    assert "적용 수량은 1~999 사이로 입력해 주세요." in page.get_data(as_text=True)
    page = logistics.post("/fulfilment/gifts/apply", data={"shipment_ids": [shipment.id], "sku_id": theirs.id,
                                                            "quantity": "1"}, follow_redirects=True)
    assert "사은품관리에 등록된 사은품을 선택해 주세요." in page.get_data(as_text=True)
    assert gifts_of(shipment) == []


def _event(logistics, mask, **fields):
    data = {"name": "9월 메가와리 행사 사은품 증정", "active": "1", "basis": "cart", "gift_sku_id": mask.id,
            "gift_quantity": "1", **fields}
    resp = logistics.post("/fulfilment/events/new", data=data)
    assert resp.status_code == 303, resp.get_data(as_text=True)
    return db.session.query(GiftEvent).order_by(GiftEvent.id.desc()).first()


def test_event_form_names_every_wrong_field(logistics, mask):
    resp = logistics.post("/fulfilment/events/new", data={
        "name": "", "starts_on": "2026-13-01", "amount_min": "3000", "amount_max": "1000", "quantity_min": "x",
        "gift_sku_id": ""})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    for message in ("이벤트명을 입력해 주세요.", "주문 기준일(시작)은(는) 2026-12-01 형식으로 입력해 주세요: 2026-13-01",
                    "주문금액 조건에는 통화(JPY, KRW, USD)를 선택해 주세요.",
                    "최대 주문금액은 최소 주문금액보다 작을 수 없습니다.", "최소 주문수량은(는) 1 이상의 정수로 입력해 주세요: x",
                    "지급할 사은품을 선택해 주세요."):
        assert message in page, message


def test_event_preview_shows_who_gets_what_and_applying_twice_adds_nothing(logistics, seller, mask):
    rich = make_shipment(seller, [{"amount": Decimal("1800"), "quantity": 2}, {"amount": Decimal("900")}])
    poor = make_shipment(seller, [{"amount": Decimal("1500"), "quantity": 2}])
    dollars = make_shipment(seller, [{"amount": Decimal("3000"), "currency": "USD", "quantity": 2}])
    rakuten = make_shipment(seller, [{"amount": Decimal("2500"), "quantity": 2}], channel="rakuten")
    event = _event(logistics, mask, channels=["qoo10jp"], amount_min="2000", amount_max="3000", currency="JPY",
                   quantity_min="2", quantity_max="5")
    page = logistics.get(f"/fulfilment/events/{event.id}/preview").get_data(as_text=True)
    assert f'data-receipt="{rich.receipt_no}"' in page
    for left_out in (poor, dollars, rakuten):
        assert f'data-receipt="{left_out.receipt_no}"' not in page
    assert gifts_of(rich) == []  # a preview writes nothing

    logistics.post(f"/fulfilment/events/{event.id}/apply")
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert gifts_of(rich) == [("gift-maskpak-1ea", 1, "gift")]
    assert gifts_of(poor) == gifts_of(dollars) == gifts_of(rakuten) == []
    db.session.expire_all()
    assert [g.used_count for g in db.session.get(GiftEvent, event.id).gifts] == [1]
    assert db.session.query(ShipmentEvent).filter_by(shipment_id=rich.id, kind="gift").count() == 1


def test_line_basis_with_codes_dates_and_proportional_quantity(logistics, seller, mask):
    today = date.today()
    shipment = make_shipment(seller, [{"option_code": "QE3254342", "quantity": 3},
                                      {"option_code": "OTHER", "quantity": 5}])
    old = make_shipment(seller, [{"option_code": "qe3254342", "quantity": 1,
                                  "ordered_at": datetime(2020, 1, 1)}])
    event = _event(logistics, mask, basis="line", product_codes="QE3254342, X-9", proportional="1",
                   starts_on=(today - timedelta(days=30)).isoformat(), gift_quantity="2")
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert gifts_of(shipment) == [("gift-maskpak-1ea", 6, "gift")]  # 2 × 3 ordered, the other line left out
    assert gifts_of(old) == []


def test_limited_gift_goes_to_the_first_shipments_only(logistics, seller, mask):
    shipments = [make_shipment(seller) for _ in range(3)]
    event = _event(logistics, mask, gift_limited="1", gift_limit="2")
    page = logistics.get(f"/fulfilment/events/{event.id}/preview").get_data(as_text=True)
    assert 'id="preview-count">2<' in page
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert [bool(gifts_of(s)) for s in shipments] == [True, True, False]
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert not gifts_of(shipments[2])


def test_the_receipt_hook_applies_active_events_once(app, seller, mask):
    shipment = make_shipment(seller)
    db.session.add(GiftEvent(tenant_id=seller.id, name="상시 증정", basis="cart",
                             gifts=[GiftEventGift(tenant_id=seller.id, sku_id=mask.id, quantity=1)]))
    db.session.add(GiftEvent(tenant_id=seller.id, name="꺼진 이벤트", basis="cart", active=False,
                             gifts=[GiftEventGift(tenant_id=seller.id, sku_id=mask.id, quantity=1)]))
    db.session.commit()
    assert apply_active_events(seller.id, [shipment.id]) == 1
    assert apply_active_events(seller.id, [shipment.id]) == 0
    db.session.commit()
    assert gifts_of(shipment) == [("gift-maskpak-1ea", 1, "gift")]


def test_other_sellers_event_is_a_404(client, auth, seller, other_seller):
    sku = make_sku(other_seller, "B-GIFT", "남의 사은품", gift=True)
    event = GiftEvent(tenant_id=other_seller.id, name="남의 이벤트",
                      gifts=[GiftEventGift(tenant_id=other_seller.id, sku_id=sku.id, quantity=1)])
    db.session.add(event)
    db.session.commit()
    auth.login()
    assert client.get(f"/fulfilment/events/{event.id}").status_code == 404
    assert client.get(f"/fulfilment/events/{event.id}/preview").status_code == 404
    assert client.post(f"/fulfilment/events/{event.id}/apply").status_code == 404


def _sheet(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["주문번호(장바구니번호)", "상품명", "수량", "금액(단가)", "상품코드(SKU)", "재질", "HSCODE"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_gift_upload_by_cart_and_by_order_is_whole_or_nothing_with_every_reason(app, logistics, seller, mask):
    by_cart = make_shipment(seller, cart_no="387702-20210211-0006781")
    by_order = make_shipment(seller, [{"order_no": "784772292"}])
    resp = logistics.post("/fulfilment/gifts/upload", data={"by": "cart", "file": (_sheet([
        ["387702-20210211-0006781", "사은품1", 1, 2000, "gift-maskpak-1ea", "", "33"],
        ["387702-20210211-0006781", "사은품1", 1, 2000, "gift-maskpak-1ea", "", "33"],
        ["NO-SUCH-CART", "사은품2", 0, 1000, "NOPE", "", "33"]]), "gifts.xlsx")})
    assert resp.status_code == 202
    wait_inline_jobs(app)
    assert gifts_of(by_cart) == []  # one bad row: nothing is added
    run = db.session.get(JobRun, resp.get_json()["job"])
    assert (run.status, run.ok_count, run.fail_count) == ("failed", 0, 2)
    failed = load_workbook(f"{app.config['JOB_FILES_DIR']}/{seller.id}/{run.result_file}").active
    reasons = [row[-1] for row in failed.iter_rows(min_row=2, values_only=True)]
    assert len(reasons) == 3 and not reasons[0]  # every row comes back, the good one without a reason
    assert f"{by_cart.receipt_no}: 같은 사은품이 이미 적용되어 있습니다." in reasons[1]
    assert "장바구니번호 기준으로 찾은 배송건이 없습니다: NO-SUCH-CART" in reasons[2]
    assert "등록되지 않은 SKU입니다: NOPE" in reasons[2] and "수량은 1~999 사이의 정수로 입력해 주세요: 0" in reasons[2]

    resp = logistics.post("/fulfilment/gifts/upload", data={"by": "order", "file": (_sheet([
        ["784772292", "사은품1", 3, 2000, "GIFT-MASKPAK-1EA", "", ""],
        [by_cart.receipt_no, "사은품1", 1, 2000, "gift-maskpak-1ea", "", ""]]), "gifts.xlsx")})
    wait_inline_jobs(app)
    assert gifts_of(by_order) == [("gift-maskpak-1ea", 3, "gift")]
    assert gifts_of(by_cart) == [("gift-maskpak-1ea", 1, "gift")]
    assert db.session.get(JobRun, resp.get_json()["job"]).fail_count == 0


@pytest.fixture
def cotton(seller):
    return make_sku(seller, "GIFT-COTTON", "사은품 - 화장솜", gift=True)


def test_an_event_gives_a_set_of_gifts_previewed_then_applied_once(logistics, seller, mask, cotton):
    shipment = make_shipment(seller, [{"quantity": 1}])
    resp = logistics.post("/fulfilment/events/new", data={
        "name": "마스크팩+화장솜 증정", "active": "1", "basis": "cart", "gift_sku_id": [mask.id, cotton.id, ""],
        "gift_quantity": ["1", "2", "1"]})
    assert resp.status_code == 303
    event = db.session.query(GiftEvent).one()
    assert [(g.sku.code, g.quantity) for g in event.gifts] == [("gift-maskpak-1ea", 1), ("GIFT-COTTON", 2)]
    page = logistics.get(f"/fulfilment/events/{event.id}/preview").get_data(as_text=True)
    assert f'data-receipt="{shipment.receipt_no}" data-sku="gift-maskpak-1ea"' in page
    assert f'data-receipt="{shipment.receipt_no}" data-sku="GIFT-COTTON"' in page
    assert 'id="preview-count">1<' in page and '<li data-sku="GIFT-COTTON">' in page
    assert gifts_of(shipment) == []

    logistics.post(f"/fulfilment/events/{event.id}/apply")
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert sorted(gifts_of(shipment)) == [("GIFT-COTTON", 2, "gift"), ("gift-maskpak-1ea", 1, "gift")]
    db.session.expire_all()
    assert [g.used_count for g in db.session.get(GiftEvent, event.id).gifts] == [1, 2]  # pieces of each gift
    history = db.session.query(ShipmentEvent).filter_by(shipment_id=shipment.id, kind="gift").one()
    assert "gift-maskpak-1ea" in history.message and "GIFT-COTTON" in history.message


def test_a_gift_added_to_the_event_later_reaches_only_what_is_missing(logistics, seller, mask, cotton):
    shipment = make_shipment(seller)
    event = _event(logistics, mask)
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    resp = logistics.post(f"/fulfilment/events/{event.id}", data={
        "name": event.name, "active": "1", "basis": "cart", "gift_sku_id": [mask.id, cotton.id],
        "gift_quantity": ["1", "3"]})
    assert resp.status_code == 303
    page = logistics.get(f"/fulfilment/events/{event.id}/preview").get_data(as_text=True)
    assert 'data-sku="GIFT-COTTON"' in page and 'data-sku="gift-maskpak-1ea"' not in page.split("preview-list")[1]
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert sorted(gifts_of(shipment)) == [("GIFT-COTTON", 3, "gift"), ("gift-maskpak-1ea", 1, "gift")]
    db.session.expire_all()
    assert [g.used_count for g in db.session.get(GiftEvent, event.id).gifts] == [1, 3]  # the mask not given twice


def test_the_event_form_names_a_repeated_gift_and_a_bad_count(logistics, mask, cotton):
    resp = logistics.post("/fulfilment/events/new", data={
        "name": "이벤트", "basis": "cart", "gift_sku_id": [mask.id, mask.id, cotton.id],
        "gift_quantity": ["1", "1", "0"]})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "같은 사은품을 두 번 고를 수 없습니다: gift-maskpak-1ea" in page
    assert "GIFT-COTTON의 개수는 1~999 사이의 정수로 입력해 주세요: 0" in page
    assert db.session.query(GiftEvent).count() == 0


def test_the_limit_is_per_gift_and_the_preview_says_who_gets_what(logistics, seller, mask, cotton):
    """The manual's Gift Item List sets 제한/무제한 and 제한 개수 on each gift: a limited mask runs out while
    the unlimited cotton still reaches every shipment; the shipment the mask runs out on gets what is left."""
    shipments = [make_shipment(seller, [{"quantity": 2}]) for _ in range(3)]
    resp = logistics.post("/fulfilment/events/new", data={
        "name": "선착순 마스크팩", "active": "1", "basis": "cart", "proportional": "1",
        "gift_sku_id": [mask.id, cotton.id], "gift_quantity": ["1", "1"], "gift_limited": ["1", "0"],
        "gift_limit": ["3", ""]})
    assert resp.status_code == 303, resp.get_data(as_text=True)
    event = db.session.query(GiftEvent).one()
    assert [(g.sku.code, g.limit_count) for g in event.gifts] == [("gift-maskpak-1ea", 3), ("GIFT-COTTON", None)]

    page = logistics.get(f"/fulfilment/events/{event.id}/preview").get_data(as_text=True)
    listed = page.split('id="preview-list"')[1].split("</table>")[0]
    first, second, third = (s.receipt_no for s in shipments)
    assert f'data-receipt="{first}" data-sku="gift-maskpak-1ea"' in listed
    assert f'data-receipt="{second}" data-sku="gift-maskpak-1ea"' in listed
    assert f'data-receipt="{third}" data-sku="gift-maskpak-1ea"' not in listed
    assert f'data-receipt="{third}" data-sku="GIFT-COTTON"' in listed
    held_back = page.split('id="preview-cut"')[1].split("</table>")[0]
    assert f'data-receipt="{second}" data-sku="gift-maskpak-1ea"' in held_back  # earns 2, gets the last 1
    assert f'data-receipt="{third}" data-sku="gift-maskpak-1ea"' in held_back  # earns 2, gets none
    assert '<li data-sku="gift-maskpak-1ea">gift-maskpak-1ea ' in page and " × <strong>3</strong>" in page

    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert [gifts_of(s) for s in shipments] == [
        [("gift-maskpak-1ea", 2, "gift"), ("GIFT-COTTON", 2, "gift")],
        [("gift-maskpak-1ea", 1, "gift"), ("GIFT-COTTON", 2, "gift")],
        [("GIFT-COTTON", 2, "gift")]]
    db.session.expire_all()
    assert [(g.used_count, g.limit_count) for g in db.session.get(GiftEvent, event.id).gifts] == [(3, 3), (6, None)]


def test_reapplying_or_a_stale_preview_never_passes_the_limit_or_doubles_a_gift(logistics, seller, mask):
    from blueprints.fulfilment.gifts import apply

    shipments = [make_shipment(seller) for _ in range(3)]
    event = _event(logistics, mask, gift_limited="1", gift_limit="2")
    stale = apply.plan_event(event, apply.event_shipments(seller.id))  # two shipments planned
    assert [p.shipment.id for p in stale if p.gifts] == [shipments[0].id, shipments[1].id]
    logistics.post(f"/fulfilment/events/{event.id}/apply")  # someone applies first
    db.session.expire_all()
    event = db.session.get(GiftEvent, event.id)
    assert apply.apply_event(event, stale) == 0  # the stale plan adds nothing
    db.session.commit()
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert [gifts_of(s) for s in shipments] == [[("gift-maskpak-1ea", 1, "gift")]] * 2 + [[]]
    db.session.expire_all()
    assert [g.used_count for g in db.session.get(GiftEvent, event.id).gifts] == [2]

    # Raising the limit later lets the next shipment in; the ones that have the gift never get it again.
    resp = logistics.post(f"/fulfilment/events/{event.id}", data={
        "name": event.name, "active": "1", "basis": "cart", "gift_sku_id": mask.id, "gift_quantity": "1",
        "gift_limited": "1", "gift_limit": "5"})
    assert resp.status_code == 303
    logistics.post(f"/fulfilment/events/{event.id}/apply")
    assert [gifts_of(s) for s in shipments] == [[("gift-maskpak-1ea", 1, "gift")]] * 3
    db.session.expire_all()
    assert [g.used_count for g in db.session.get(GiftEvent, event.id).gifts] == [3]


def test_the_event_form_names_a_limit_without_a_count(logistics, mask):
    resp = logistics.post("/fulfilment/events/new", data={
        "name": "이벤트", "basis": "cart", "gift_sku_id": mask.id, "gift_quantity": "1", "gift_limited": "1",
        "gift_limit": ""})
    assert resp.status_code == 400
    assert "gift-maskpak-1ea: 제한을 선택했으면 제한 개수를 입력해 주세요." in resp.get_data(as_text=True)
    resp = logistics.post("/fulfilment/events/new", data={
        "name": "이벤트", "basis": "cart", "gift_sku_id": mask.id, "gift_quantity": "1", "gift_limited": "1",
        "gift_limit": "0"})
    assert "gift-maskpak-1ea의 제한 개수는 1 이상의 정수로 입력해 주세요: 0" in resp.get_data(as_text=True)
    assert db.session.query(GiftEvent).count() == 0


@pytest.mark.skipif("postgresql" not in (__import__("os").environ.get("PORTAL_TEST_DATABASE_URL") or ""),
                    reason="concurrent writers need PostgreSQL")
def test_two_applications_at_once_share_the_limit_and_never_double_a_gift(app, seller, mask):
    from blueprints.fulfilment.gifts import apply

    shipments = [make_shipment(seller) for _ in range(5)]
    event = GiftEvent(tenant_id=seller.id, name="선착순 3개", basis="cart",
                      gifts=[GiftEventGift(tenant_id=seller.id, sku_id=mask.id, quantity=1, limit_count=3)])
    db.session.add(event)
    db.session.commit()
    event_id = event.id

    def give(ready):
        mine = db.session.get(GiftEvent, event_id)
        plan = apply.plan_event(mine, apply.event_shipments(seller.id))  # both plan three shipments
        ready()
        apply.apply_event(mine, plan)
        db.session.commit()

    assert at_once(app, give, give) == []
    assert [len(gifts_of(s)) for s in shipments] == [1, 1, 1, 0, 0]
    db.session.expire_all()
    assert [g.used_count for g in db.session.get(GiftEvent, event_id).gifts] == [3]
