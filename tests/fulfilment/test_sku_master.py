"""단일상품관리 / 조합형상품관리: the code rule, the form, Excel download and upload with every reason of a
refused row in the failure file, links to our products; duty and CSRF walls."""
import io

import pytest
from openpyxl import Workbook, load_workbook

from models import FulfilmentSku
from portal.extensions import db

from .conftest import add_product
from .shipment_fixtures import add_sku


@pytest.fixture
def signed(client, auth, seller):
    auth.login()
    return client


def xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_single_sku_form_refuses_every_bad_field_at_once(signed):
    resp = signed.post("/fulfilment/skus/new", data={"kind": "single", "code": "마스크 01", "name": "",
                                                     "weight_kg": "무거움", "hs_code": "33x"})
    text = resp.get_data(as_text=True)
    assert resp.status_code == 400
    for reason in ("SKU는 영문, 숫자, 하이픈(-), 밑줄(_)만 사용할 수 있습니다", "상품명(한글 피킹용)을 입력해 주세요.",
                   "무게(kg)는 0보다 큰 숫자로 입력해 주세요: 무거움", "HS코드는 숫자 4~12자리로 입력해 주세요: 33x"):
        assert reason in text
    assert db.session.query(FulfilmentSku).count() == 0


def test_single_sku_links_our_product_option(signed, seller):
    product = add_product(seller, "OPT-1", "무선 이어폰", ("블랙/S", "화이트/M"))
    resp = signed.post("/fulfilment/skus/new", data={
        "kind": "single", "code": "EAR-BK-S", "name": "[B3] 무선 이어폰 블랙 S", "name_en": "Wireless earphones",
        "weight_kg": "0.12", "hs_code": "8518.30", "product_code": "OPT-1:블랙 / S", "is_gift": "N"})
    assert resp.status_code == 303
    sku = db.session.query(FulfilmentSku).one()
    assert (sku.product_id, sku.product_option.values, str(sku.weight_kg)) == (product.id, "블랙/S", "0.120")


def test_upload_saves_good_rows_and_returns_each_rows_reasons(signed, seller):
    add_sku(seller, "OLD-1", "예전 이름")
    header = ["SKU", "상품명(한글)", "영문상품명", "수출통관용(영문)", "브랜드", "바코드", "무게(kg)", "HS코드", "원산지", "로케이션",
              "사은품(Y/N)", "연결상품코드", "메모"]
    resp = signed.post("/fulfilment/skus/upload", data={"kind": "single", "file": (xlsx([
        header,
        ["OLD-1", "새 이름", "Snail mask", "SKIN CARE", "닥터지", 8809520469395, 0.03, "3304.99", "KR", "A17-F2", "Y", "", ""],
        ["BAD CODE", "", "", "", "", "", -1, "", "KOREA", "", "", "", ""],
        ["NEW-2", "크림", "クリーム", "", "", "", "", "", "", "", "", "", ""],
    ]), "skus.xlsx")}, content_type="multipart/form-data")
    assert resp.status_code == 303 and "failed=" in resp.headers["Location"]
    skus = {s.code: s for s in db.session.query(FulfilmentSku)}
    assert set(skus) == {"OLD-1"} and skus["OLD-1"].name == "새 이름" and skus["OLD-1"].barcode == "8809520469395"
    assert skus["OLD-1"].is_gift is True
    failure = signed.get(resp.headers["Location"].replace("/fulfilment/skus?kind=single&failed=",
                                                          "/fulfilment/skus/failures/"))
    ws = load_workbook(io.BytesIO(failure.data)).active
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [r[0] for r in got] == ["BAD CODE", "NEW-2"]
    assert got[0][-1].split(" / ") == [
        "SKU는 영문, 숫자, 하이픈(-), 밑줄(_)만 사용할 수 있습니다 (공백, 한글, 콤마 불가): BAD CODE",
        "상품명(한글 피킹용)을 입력해 주세요.", "무게(kg)는 0보다 큰 숫자로 입력해 주세요: -1",
        "원산지는 국가코드 2자리(예: KR)로 입력해 주세요: KOREA"]
    assert got[1][-1] == "영문상품명은(는) 영문으로 입력해 주세요."


def test_combination_sku_and_download_round_trip(signed, seller):
    add_sku(seller, "A-01", "가")
    add_sku(seller, "B-02", "나")
    resp = signed.post("/fulfilment/skus/new", data={"kind": "combo", "code": "SET-1", "name": "세트",
                                                     "components": "A-01*2, b-02, A-01"})
    assert resp.status_code == 303
    combo = db.session.query(FulfilmentSku).filter_by(code="SET-1").one()
    assert sorted((c.sku.code, c.quantity) for c in combo.components) == [("A-01", 3), ("B-02", 1)]
    bad = signed.post("/fulfilment/skus/new", data={"kind": "combo", "code": "SET-2", "name": "세트",
                                                    "components": "A-01*0, Z-9"})
    text = bad.get_data(as_text=True)
    assert "구성 수량은 1 이상의 정수로 입력해 주세요: A-01*0" in text and "등록되지 않은 단일상품 SKU입니다: Z-9" in text
    ws = load_workbook(io.BytesIO(signed.get("/fulfilment/skus?kind=combo&format=xlsx").data)).active
    assert [c.value for c in ws[2]][:3] == ["SET-1", "세트", "A-01*3, B-02*1"]


def test_another_sellers_sku_is_404_and_duty_and_csrf_walls(signed, app, other_seller, client, auth, staff):
    theirs = add_sku(other_seller, "X-1", "남의 것")
    assert signed.get(f"/fulfilment/skus/{theirs.id}/edit").status_code == 404
    signed.post("/fulfilment/skus/delete", data={"ids": [theirs.id]})
    db.session.refresh(theirs)
    assert theirs.deleted_at is None
    app.config["WTF_CSRF_ENABLED"] = True
    assert signed.post("/fulfilment/skus/delete", data={"ids": [theirs.id]}).status_code == 400
    app.config["WTF_CSRF_ENABLED"] = False
    from models import User
    outsider = db.session.query(User).filter_by(login_id="sellerAstaff").one()
    outsider.duties = ["products"]
    db.session.commit()
    auth.logout()
    auth.login("sellerAstaff")
    assert client.get("/fulfilment/waiting").status_code in (403, 404)
