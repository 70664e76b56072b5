"""주문확인/처리: filters and counts, the 3-day rule, 판매취소 and general malls, masking with logged reveals."""
from datetime import datetime, timedelta

import pytest

from models import AuditLog, ChannelOrderLine
from portal.extensions import db
from portal.marketplaces import KST

from .conftest import add_account, collect, finish, ship_at


@pytest.fixture
def collected(client, auth, app, shop):
    auth.login()
    created = shop.new_order(recipient_name="김수취", recipient_phone="010-9876-5432",
                             address="서울특별시 강서구 강서로56가길 31", address_detail="2층")
    collect(client, app, [shop.account.id])
    line = db.session.query(ChannelOrderLine).filter_by(channel_order_id=created["order_no"]).one()
    return line


def test_list_counts_filters_and_masks(client, collected):
    # The 3-day preset: orders made half an hour ago fall on yesterday just after midnight KST.
    html = client.get("/orders/process?days=3").get_data(as_text=True)
    assert collected.channel_order_id in html
    assert '전체 : <strong data-count="total">5</strong>' in html
    assert '신규주문 : <strong data-count="NEW">4</strong>' in html
    assert '취소요청 : <strong data-count="CANCEL_REQUESTED">1</strong>' in html
    assert "김*취" in html and "010-****-5432" in html and "김수취" not in html and "9876" not in html
    only = client.get(f"/orders/process?field=order_no&q={collected.channel_order_id}").get_data(as_text=True)
    assert '전체 : <strong data-count="total">1</strong>' in only
    canceled = client.get("/orders/process?stage=CANCEL_REQUESTED").get_data(as_text=True)
    assert collected.channel_order_id not in canceled


def test_revealing_personal_data_is_logged(client, collected, seller):
    html = client.get("/orders/process?reveal=1").get_data(as_text=True)
    assert "김수취" in html and "010-9876-5432" in html
    entry = db.session.query(AuditLog).filter_by(action="개인정보조회").one()
    assert entry.tenant_id == seller.id and "주문확인/처리: 수취인 정보" in entry.detail


def test_export_is_masked_unless_revealed(client, collected):
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(client.get("/orders/process?format=xlsx").data)).active.values)
    assert rows[0][-3:] == ("수취인", "연락처", "주소")
    ours = next(r for r in rows if r[3] == collected.channel_order_id)
    assert ours[-3] == "김*취" and ours[-2] == "010-****-5432"


def test_confirm_beyond_three_days_needs_delay_reason(client, app, collected, market):
    resp = client.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(4)})
    assert resp.status_code == 400
    assert resp.get_json()["error"] == "출고 예정일이 3일을 넘으면 배송지연사유를 선택해 주세요."
    resp = client.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(4),
                                                        "delay_reason": "CUSTOM_BUILD"})
    _, lines = finish(app, resp)
    assert "배송지연사유: 주문제작" in lines
    db.session.refresh(collected)
    assert (collected.status, collected.delay_reason) == ("CONFIRMED", "주문제작")


def test_the_delay_reason_and_its_detail_reach_the_channel(client, app, collected, market, shop):
    resp = client.post("/orders/process/confirm", data={
        "line_ids": [collected.id], "ship_at": ship_at(5), "delay_reason": "CUSTOM_BUILD",
        "delay_detail": "각인 작업에  5일이 걸립니다"})
    _, lines = finish(app, resp)
    assert "배송지연사유: 주문제작 - 각인 작업에 5일이 걸립니다" in lines
    db.session.refresh(collected)
    assert collected.delay_reason == "주문제작 - 각인 작업에 5일이 걸립니다"
    remote = shop.line(collected.channel_line_id)      # what the sandbox received over HTTP
    assert (remote["status"], remote["delay_reason"], remote["delay_detail"]) == (
        "CONFIRMED", "CUSTOM_BUILD", "각인 작업에 5일이 걸립니다")
    assert remote["ship_due"] == pytest.approx(
        datetime.strptime(ship_at(5), "%Y-%m-%dT%H:%M").replace(tzinfo=KST).timestamp(), abs=60)


@pytest.mark.parametrize("data, message", [
    ({"delay_detail": "늦어요"}, "배송지연 상세사유를 보내려면 배송지연사유를 선택해 주세요."),
    ({"delay_reason": "ETC", "delay_detail": "가" * 101}, "배송지연 상세사유는 100자 이내로 입력해 주세요."),
])
def test_delay_detail_rules(client, collected, market, data, message):
    resp = client.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(1), **data})
    assert resp.status_code == 400 and resp.get_json()["error"] == message


def test_a_channel_without_a_delay_api_is_named_in_the_log(client, auth, app, seller, market):
    from .conftest import Shop

    coupang = Shop(market, add_account(seller, "coupang", "쿠팡점"), "coupang")
    auth.login()
    created = coupang.new_order()
    collect(client, app, [coupang.account.id])
    line = db.session.query(ChannelOrderLine).filter_by(channel_order_id=created["order_no"]).first()
    resp = client.post("/orders/process/confirm", data={"line_ids": [line.id], "ship_at": ship_at(4),
                                                        "delay_reason": "PRODUCT_PREPARE"})
    _, lines = finish(app, resp)
    assert any(t.startswith("쿠팡 Open API는 발송지연 안내 API를 제공하지 않아 배송지연사유는 전송하지 않고 "
                            "포털에만 기록합니다.") for t in lines)
    db.session.refresh(line)
    assert (line.status, line.delay_reason) == ("CONFIRMED", "상품준비중")


@pytest.mark.parametrize("data, message", [
    ({"ship_at": ""}, "출고 예정일시를 입력해 주세요."),
    ({"ship_at": "내일"}, "출고 예정일시는 YYYY-MM-DD HH:MM 형식으로 입력해 주세요."),
    ({"ship_at": (datetime.now(KST) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
     "출고 예정일시는 현재 이후로 입력해 주세요."),
    ({"line_ids": []}, "처리할 주문을 선택해 주세요."),
])
def test_confirm_messages(client, collected, data, message):
    resp = client.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(1), **data})
    assert resp.status_code == 400 and resp.get_json()["error"] == message


def test_confirmed_lines_cannot_be_confirmed_again(client, app, collected):
    finish(app, client.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(1)}))
    resp = client.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(1)})
    assert resp.get_json()["error"] == f"신규주문 상태인 주문만 발주확인할 수 있습니다. ({collected.channel_order_id})"


def test_cancel_flow_sends_the_reason_and_the_line_is_canceled(client, app, collected, shop):
    assert client.post("/orders/process/cancel", data={"line_ids": [collected.id]}).get_json()["error"] == \
        "판매취소 사유를 선택해 주세요."
    _, lines = finish(app, client.post("/orders/process/cancel", data={"line_ids": [collected.id],
                                                                       "reason": "SOLD_OUT"}))
    assert f"{collected.channel_order_id}[{collected.channel_line_id}] 판매취소 연동에 성공하였습니다." in lines
    assert shop.line(collected.channel_line_id)["status"] == "CANCELED"
    db.session.refresh(collected)
    assert (collected.status, collected.cancel_reason) == ("CANCELED", "품절")
    posted = shop.posts("/orders/cancel")
    assert len(posted) == 1 and "품절" in posted[0]["summary"]


def test_general_malls_refuse_cancel_with_a_clear_message(client, auth, app, seller, market):
    mall = add_account(seller, "hmall", "현대")
    auth.login()
    collect(client, app, [mall.id])
    line = db.session.query(ChannelOrderLine).filter_by(account_id=mall.id, status="NEW").first()
    resp = client.post("/orders/process/cancel", data={"line_ids": [line.id], "reason": "SOLD_OUT"})
    assert resp.status_code == 400
    assert resp.get_json()["error"] == ("종합몰은 판매자에 의한 판매취소처리가 제공되지 않습니다(현대몰). "
                                        "주문고객 또는 제휴몰 담당MD와 처리를 진행해 주세요.")


def test_another_sellers_line_looks_missing(client, auth, app, collected, other_seller):
    other = client.application.test_client()
    auth.login("sellerBmaster", client=other)
    assert other.get(f"/orders/lines/{collected.id}/history").status_code == 404
    resp = other.post("/orders/process/confirm", data={"line_ids": [collected.id], "ship_at": ship_at(1)})
    assert resp.get_json()["error"] == "선택한 주문을 찾을 수 없습니다. 목록을 새로고침해 주세요."
    assert collected.channel_order_id not in other.get("/orders/process").get_data(as_text=True)


def test_status_page_counts_every_stage(client, collected):
    html = client.get("/orders/status").get_data(as_text=True)
    assert 'data-stage="NEW"' in html and "신규주문 <strong>4</strong>" in html
    assert "취소요청 <strong>1</strong>" in html
