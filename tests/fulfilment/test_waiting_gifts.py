"""사은품 엑셀 업로드 before 배송접수 (the manual's 장바구니번호 방식): the template, gifts matched to 대기목록 carts and
added to the shipment at 배송접수 once, a sheet with one bad row adding nothing while the result file gives
every row its reasons, gifts following their line when carts are merged, and tenant walls."""
import io

import pytest
from openpyxl import Workbook, load_workbook

from blueprints.fulfilment.shipments import receipt, waiting
from models import FulfilmentOrder, JobRun, ShipmentItem, User, WaitingGift
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .shipment_fixtures import add_order, add_sku

HEADER = ["주문번호(장바구니번호)", "상품명", "수량", "금액(단가)", "상품코드(SKU)", "재질", "HSCODE"]


def sheet(rows):
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


@pytest.fixture
def japan(app, seller, client, auth):
    add_sku(seller, "MASK-01", "마스크팩")
    add_sku(seller, "gift-maskpak-1ea", "큐텐메가와리 증정용 마스크팩", is_gift=True)
    add_sku(seller, "GIFT-COTTON", "사은품 - 화장솜", is_gift=True)
    add_order(seller, "387702-20210211-0006781", [("MASK-01", 1, "900"), ("MASK-01", 2, "1800")])
    add_order(seller, "784772292", [("MASK-01", 1, "900")])
    auth.login()
    client.get("/fulfilment/waiting")  # brings the orders into 대기목록
    return client


def upload(app, client, rows):
    resp = client.post("/fulfilment/gifts/upload", data={"by": "waiting", "file": (sheet(rows), "gifts.xlsx")})
    assert resp.status_code == 202, resp.get_data(as_text=True)
    wait_inline_jobs(app)
    db.session.expire_all()
    return db.session.get(JobRun, resp.get_json()["job"])


def user_of(tenant):
    return db.session.query(User).filter_by(tenant_id=tenant.id).order_by(User.id).first()


def gifts_of(shipment_id):
    return sorted((i.sku_code, i.quantity, i.channel) for i in db.session.query(ShipmentItem).filter_by(
        shipment_id=shipment_id, is_gift=True))


def test_template_download_has_the_manuals_columns(japan):
    resp = japan.get("/fulfilment/gifts/template")
    header = next(load_workbook(io.BytesIO(resp.data)).active.iter_rows(values_only=True))
    assert list(header) == HEADER
    assert 'id="waiting-gift-template"' in japan.get("/fulfilment/waiting").get_data(as_text=True)


def test_gifts_wait_for_their_cart_and_join_its_shipment_once(app, japan, seller):
    run = upload(app, japan, [["387702-20210211-0006781", "마스크팩", 2, 0, "gift-maskpak-1ea", "", ""],
                              ["784772292", "화장솜", 1, "", "GIFT-COTTON", "", ""]])  # a 주문번호 names its cart
    assert (run.status, run.ok_count) == ("done", 2)
    page = japan.get("/fulfilment/waiting").get_data(as_text=True)
    assert 'data-cart="387702-20210211-0006781" data-sku="gift-maskpak-1ea"' in page
    with app.test_request_context():
        outcome = receipt.receive(seller, user_of(seller), [r.id for r in waiting.waiting(seller)])
    db.session.expire_all()
    by_cart = {db.session.get(FulfilmentOrder, o.id).cart_no: o.shipment_id for o in
               db.session.query(FulfilmentOrder).filter(FulfilmentOrder.shipment_id.in_(outcome.shipment_ids))}
    assert gifts_of(by_cart["387702-20210211-0006781"]) == [("gift-maskpak-1ea", 2, "gift")]
    assert gifts_of(by_cart["784772292"]) == [("GIFT-COTTON", 1, "gift")]
    assert db.session.query(WaitingGift).filter(WaitingGift.shipment_id.is_(None)).count() == 0
    assert "배송접수를 기다리는 사은품이 없습니다." in japan.get("/fulfilment/waiting").get_data(as_text=True)


def test_one_bad_row_adds_nothing_and_every_row_comes_back_with_its_reasons(app, japan, seller):
    with app.test_request_context():
        line = waiting.waiting(seller).filter_by(order_no="784772292").one()
        receipt.receive(seller, user_of(seller), [line.id])  # this cart is already received
    run = upload(app, japan, [
        ["387702-20210211-0006781", "마스크팩", 1, 0, "gift-maskpak-1ea", "", ""],
        ["387702-20210211-0006781", "마스크팩", 1, 0, "GIFT-MASKPAK-1EA", "", ""],
        ["NO-SUCH-CART", "", "0", "x", "NOPE", "", ""],
        ["784772292", "화장솜", 1, "", "GIFT-COTTON", "", ""]])
    assert (run.status, run.ok_count, run.fail_count) == ("failed", 0, 3)
    assert db.session.query(WaitingGift).count() == 0
    result = load_workbook(f"{app.config['JOB_FILES_DIR']}/{seller.id}/{run.result_file}").active
    reasons = [row[-1] or "" for row in result.iter_rows(min_row=2, values_only=True)]
    assert len(reasons) == 4 and reasons[0] == ""
    assert "같은 장바구니번호와 사은품의 행이 파일에 두 번 있습니다" in reasons[1]
    for text in ("대기목록에서 장바구니번호나 주문번호를 찾을 수 없습니다: NO-SUCH-CART",
                 "등록되지 않은 SKU입니다: NOPE", "수량은 1~999 사이의 정수로 입력해 주세요: 0",
                 "금액(단가)은 0 이상의 숫자로 입력해 주세요: x"):
        assert text in reasons[2], text
    assert "이미 배송접수된 주문입니다: 784772292" in reasons[3]
    log = " ".join(line.text for line in run.lines)
    assert "사은품을 하나도 추가하지 않았습니다" in log


def test_a_second_upload_of_the_same_gift_is_refused(app, japan):
    upload(app, japan, [["387702-20210211-0006781", "", 1, "", "gift-maskpak-1ea", "", ""]])
    run = upload(app, japan, [["387702-20210211-0006781", "", 3, "", "gift-maskpak-1ea", "", ""]])
    assert run.status == "failed"
    assert [g.quantity for g in db.session.query(WaitingGift)] == [1]


def test_a_gift_follows_its_line_when_carts_are_merged(app, japan, seller):
    upload(app, japan, [["784772292", "", 1, "", "GIFT-COTTON", "", ""]])
    with app.test_request_context():
        ids = [r.id for r in waiting.waiting(seller)]
        waiting.set_cart(seller, user_of(seller), ids, "MERGED-1")  # 합배송 of both carts
        outcome = receipt.receive(seller, user_of(seller), ids)
    assert gifts_of(outcome.shipment_ids[0]) == [("GIFT-COTTON", 1, "gift")]


def test_removing_a_waiting_gift_and_another_sellers_is_a_404(app, japan, seller, other_seller):
    upload(app, japan, [["784772292", "", 1, "", "GIFT-COTTON", "", ""]])
    gift = db.session.query(WaitingGift).one()
    resp = japan.post(f"/fulfilment/waiting/gifts/{gift.id}/remove", follow_redirects=True)
    assert "784772292의 사은품 GIFT-COTTON을(를) 뺐습니다." in resp.get_data(as_text=True)
    assert db.session.query(WaitingGift).count() == 0
    theirs_sku = add_sku(other_seller, "THEIR-GIFT", "남의 사은품", is_gift=True)
    add_order(other_seller, "B-1", [("THEIR-GIFT", 1, "100")])
    with app.test_request_context():
        waiting.bring_in(other_seller)
    line = db.session.query(FulfilmentOrder).filter_by(tenant_id=other_seller.id).one()
    theirs = WaitingGift(tenant_id=other_seller.id, order_id=line.id, cart_no="B-1", sku_id=theirs_sku.id, quantity=1)
    db.session.add(theirs)
    db.session.commit()
    assert japan.post(f"/fulfilment/waiting/gifts/{theirs.id}/remove").status_code == 404
    run = upload(app, japan, [["B-1", "", 1, "", "gift-maskpak-1ea", "", ""]])  # another seller's cart is no cart
    assert run.status == "failed" and db.session.query(WaitingGift).count() == 1


def test_a_gift_stays_with_its_cart_when_its_line_is_deleted(app, japan, seller):
    upload(app, japan, [["387702-20210211-0006781", "", 1, "", "GIFT-COTTON", "", ""]])
    with app.test_request_context():
        first, second = waiting.waiting(seller).filter_by(cart_no="387702-20210211-0006781").order_by("id").all()
        waiting.delete(seller, user_of(seller), [first.id], "부분 취소")  # the line the gift was matched to
        outcome = receipt.receive(seller, user_of(seller), [second.id])
    assert gifts_of(outcome.shipment_ids[0]) == [("GIFT-COTTON", 1, "gift")]
