"""Uploaded and form 수기주문 flow on as orders: 주문관리 lists, 송장 kept here (never sent to a channel), stock,
statistics counted once, and the 송장 file back in the channel's own upload format, read back."""
import csv
import io
from datetime import datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import func

from blueprints.fulfilment.presets import BY_KEY
from models import ChannelOrder, ChannelOrderLine, InvoiceOutbox, JobRun, ManualOrder, ProductOption
from models.stat_rollup import StatDaily
from portal.extensions import db

from .test_manual_orders import GOOD, _upload
from .test_order_files import _csv, _row, _xlsx

TODAY = (datetime.utcnow() + timedelta(hours=9)).strftime("%Y-%m-%d %H:%M:%S")


def _smartstore_file():
    preset = BY_KEY["smartstore"]
    rows = [_row(preset.headers, {"상품주문번호": "2026120400011", "주문번호": "2026120400001", "수취인명": "홍길동",
                                  "수취인연락처1": "010-1111-2222", "기본배송지": "서울특별시 중구 세종대로 110",
                                  "우편번호": "04524", "판매자 상품코드": "OPT-1:블랙/S", "옵션정보": "블랙 / S",
                                  "수량": "1", "상품명": "무선 이어폰", "주문일시": TODAY}),
            _row(preset.headers, {"상품주문번호": "2026120400012", "주문번호": "2026120400001", "수취인명": "홍길동",
                                  "수취인연락처1": "010-1111-2222", "기본배송지": "서울특별시 중구 세종대로 110",
                                  "우편번호": "04524", "판매자 상품코드": "SKU-A", "수량": "2", "상품명": "린넨 롱원피스",
                                  "주문일시": TODAY})]
    return _xlsx([["발주발송관리 다운로드"], list(preset.headers)] + rows)


def _file_lines(order_no):
    return (db.session.query(ChannelOrderLine).join(ChannelOrder, ChannelOrder.id == ChannelOrderLine.order_id)
            .filter(ChannelOrder.channel_order_id == order_no).order_by(ChannelOrderLine.id).all())


def _save_invoice(client, line, number="123456789012", courier="CJ대한통운"):
    resp = client.post("/orders/invoices/entry", data={"line_ids": [line.id], f"courier_{line.id}": courier,
                                                       f"tracking_{line.id}": number})
    assert resp.status_code == 303


def test_an_uploaded_order_is_listed_takes_stock_and_its_invoice_stays_here(signed_in, app, catalog):
    run, _ = _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    assert run.status == "done" and run.ok_count == 2
    lines = _file_lines("2026120400001")
    assert [(x.account_id, x.status, x.channel, x.quantity) for x in lines] == [
        (None, "CONFIRMED", "스마트스토어", 1), (None, "CONFIRMED", "스마트스토어", 2)]
    assert lines[0].order.source == "excel" and lines[0].order.recipient_name == "홍길동"
    # stock: the 조합형 option the line names went down by its quantity
    option = db.session.query(ProductOption).filter_by(values="블랙/S").one()
    assert option.stock == 3 - 1

    for page in ("/orders/process", "/orders/status"):
        html = signed_in.get(page).get_data(as_text=True)
        assert "2026120400001" in html and "파일 주문" in html and "무선 이어폰" in html

    # 발주확인 and 판매취소 are never sent for an order without a channel account
    resp = signed_in.post("/orders/process/confirm", data={"line_ids": [lines[0].id], "ship_at": "2099-01-01T10:00"})
    assert resp.status_code == 400 and "제휴몰 계정이 없어" in resp.get_json()["error"]
    resp = signed_in.post("/orders/process/cancel", data={"line_ids": [lines[0].id], "reason": "SOLD_OUT"})
    assert resp.status_code == 400 and "강제취소" in resp.get_json()["error"]

    _save_invoice(signed_in, lines[0])
    db.session.expire_all()
    line = db.session.get(ChannelOrderLine, lines[0].id)
    assert (line.courier_code, line.tracking_number, line.invoice_state) == ("CJGLS", "123456789012", "pending")
    assert db.session.query(InvoiceOutbox).count() == 0  # nothing queued to send
    runs_before = db.session.query(JobRun).count()
    resp = signed_in.post("/orders/invoices/send", data={"line_ids": [line.id]})
    assert resp.status_code == 400 and "송장 파일" in resp.get_json()["error"]
    assert db.session.query(JobRun).count() == runs_before


def test_the_invoice_file_is_the_smartstore_dispatch_sheet(signed_in, app, catalog):
    _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    for line in _file_lines("2026120400001"):
        _save_invoice(signed_in, line, "12345678901" + str(line.id % 10))
    page = signed_in.get("/fulfilment/manual/invoice-file")
    assert page.status_code == 200 and "2026120400011" in page.get_data(as_text=True)
    resp = signed_in.get("/fulfilment/manual/invoice-file?platform=스마트스토어&layout=smartstore&download=1")
    assert resp.status_code == 200
    rows = list(load_workbook(io.BytesIO(resp.data)).active.values)
    assert rows[0] == ("상품주문번호", "배송방법", "택배사", "송장번호")
    assert [r[:3] for r in rows[1:]] == [("2026120400011", "택배,등기,소포", "CJ대한통운"),
                                         ("2026120400012", "택배,등기,소포", "CJ대한통운")]
    assert all(r[3].startswith("12345678901") for r in rows[1:])


def _japan_upload(client, app, key, rows, name):
    preset = BY_KEY[key]
    data = [list(preset.headers)] + [_row(preset.headers, r) for r in rows]
    sep = "\t" if key == "amazon_jp" else ","
    return _upload(client, app, _csv(data, "cp932", sep), name=name, platform=preset.platform)


JP = {"送付先名字": "田中", "送付先名前": "花子", "送付先電話番号1": "03", "送付先電話番号2": "1234", "送付先電話番号3": "5678",
      "送付先郵便番号1": "060", "送付先郵便番号2": "0001", "送付先住所：都道府県": "北海道", "送付先住所：都市区": "札幌市中央区",
      "送付先住所：町以降": "北1条西2丁目", "商品管理番号": "SKU-A", "個数": "1", "注文日時": TODAY}


def test_rakuten_and_amazon_files_are_shift_jis_text_in_their_layouts(signed_in, app, seller, catalog):
    from blueprints.fulfilment.skus import teach

    teach(seller, "Rakuten", "SKU-A", "SKU-A", product_url="https://item.rakuten.co.jp/shop/a")
    teach(seller, "Amazon JP", "SKU-A", "SKU-A", product_url="https://www.amazon.co.jp/dp/B000000001")
    run, _ = _japan_upload(signed_in, app, "rakuten", [{"受注番号": "349128-20261204-0001", **JP}], "rakuten.csv")
    assert run.ok_count == 1
    run, _ = _japan_upload(signed_in, app, "amazon_jp", [{
        "order-id": "249-6440986-2640636", "order-item-id": "05835637773450", "recipient-name": "山田 太郎",
        "ship-phone-number": "090-1234-5678", "ship-postal-code": "100-0001", "ship-state": "東京都",
        "ship-city": "千代田区", "ship-address-1": "千代田1-1", "sku": "SKU-A", "quantity-purchased": "2",
        "ship-country": "JP", "purchase-date": TODAY}], "amazon.txt")
    assert run.ok_count == 1
    _save_invoice(signed_in, _file_lines("349128-20261204-0001")[0], "EG123456789KR", "EMS")
    _save_invoice(signed_in, _file_lines("249-6440986-2640636")[0], "123456789012")

    resp = signed_in.get("/fulfilment/manual/invoice-file?platform=Rakuten&layout=rakuten&download=1")
    assert resp.status_code == 200
    rows = list(csv.reader(io.StringIO(resp.data.decode("cp932"))))
    assert rows[0] == ["注文番号", "送付先ID", "発送明細ID", "お荷物伝票番号", "配送会社", "発送日"]
    assert rows[1][0] == "349128-20261204-0001" and rows[1][3] == "EG123456789KR" and rows[1][4] == "1017"  # RMS 配送会社 1017 EMS

    resp = signed_in.get("/fulfilment/manual/invoice-file?platform=Amazon JP&download=1")  # layout from platform
    assert resp.status_code == 200 and b"\r\n" in resp.data
    rows = list(csv.reader(io.StringIO(resp.data.decode("cp932")), delimiter="\t"))
    assert rows[0] == ["order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name",
                       "tracking-number", "ship-method"]
    assert rows[1][:3] == ["249-6440986-2640636", "05835637773450", "2"]
    # a Korean courier Amazon does not list: "Other" with its English name (CP932 has no Hangul)
    assert rows[1][4:7] == ["Other", "CJ Logistics", "123456789012"]


def test_no_invoice_no_file(signed_in, app, catalog):
    _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    resp = signed_in.get("/fulfilment/manual/invoice-file?platform=스마트스토어&layout=smartstore&download=1")
    assert resp.status_code == 400 and "송장이 등록된 파일 주문이 없습니다" in resp.get_data(as_text=True)


def test_a_form_order_flows_on_and_force_cancel_gives_stock_back(signed_in, app, catalog):
    product = catalog["SKU-A"]
    product.stock = 10
    db.session.commit()
    assert signed_in.post("/fulfilment/manual/new", data=GOOD).status_code == 303
    order = db.session.query(ManualOrder).one()
    mirrored = db.session.query(ChannelOrder).filter_by(manual_order_id=order.id).one()
    assert (mirrored.source, mirrored.account_id, mirrored.channel_order_id) == ("form", None, "N-1001")
    db.session.refresh(product)
    assert product.stock == 10 - 2
    assert "N-1001" in signed_in.get("/orders/process").get_data(as_text=True)

    assert signed_in.post("/fulfilment/manual/cancel", data={"order_ids": [order.id]}).status_code in (302, 303)
    db.session.expire_all()
    assert db.session.get(type(product), product.id).stock == 10
    assert {x.status for x in mirrored.lines} == {"CANCELED"}


def test_statistics_count_a_file_order_once(signed_in, app, seller, catalog):
    _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    orders = db.session.query(func.sum(StatDaily.orders)).filter(StatDaily.tenant_id == seller.id,
                                                                 StatDaily.kind == "sale").scalar()
    accounts = {a for (a,) in db.session.query(StatDaily.account).filter(StatDaily.tenant_id == seller.id)}
    assert orders == 1 and accounts == {"manual:스마트스토어"}
    assert db.session.query(ChannelOrderLine).filter_by(tenant_id=seller.id).count() == 2  # yet listed


def test_another_sellers_file_lines_are_not_theirs(signed_in, app, auth, client, other_seller, catalog):
    _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    line = _file_lines("2026120400001")[0]
    auth.logout()
    auth.login("sellerBmaster")
    assert client.get(f"/orders/lines/{line.id}/history").status_code == 404
    assert "2026120400001" not in client.get("/orders/process").get_data(as_text=True)
    resp = client.get("/fulfilment/manual/invoice-file?platform=스마트스토어&layout=smartstore&download=1")
    assert resp.status_code == 400


def test_the_channel_jobs_leave_a_file_line_alone_whatever_they_are_given(signed_in, app, seller, catalog):
    from jobs.orders_process import _lines

    _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    ids = [x.id for x in _file_lines("2026120400001")]
    assert _lines(seller.id, ids) == []  # 발주확인 / 판매취소 jobs: no account to tell, nothing attempted


def test_an_uploaded_order_reaches_the_fulfilment_waiting_list(signed_in, app, seller, catalog):
    """배송관리: a file order's lines enter the 대기목록, matched to the SKU master by the code the file gave."""
    from models import FulfilmentOrder

    from .shipment_fixtures import add_sku

    add_sku(seller, "SKU-A", "린넨 롱원피스")
    _upload(signed_in, app, _smartstore_file(), name="smartstore.xlsx", platform="스마트스토어")
    html = signed_in.get("/fulfilment/waiting").get_data(as_text=True)
    assert "2026120400001" in html
    got = {(r.order_no, r.seller_code, r.match_state) for r in db.session.query(FulfilmentOrder)
           .filter_by(tenant_id=seller.id)}
    assert ("2026120400001", "SKU-A", "ok") in got
