"""상품정보관리: 신규상품정보등록 of several items, the manual's rules, 번역 도우미, 수정 팝업, 실패목록, 연결."""
from models import Product, ProductOption, WarehouseItem
from portal.extensions import db

from ..conftest import PASSWORD
from .conftest import item_form, jpeg, make_item


def _post_items(client, *forms, images=True):
    data = {}
    for i, form in enumerate(forms):
        data.update(form)
        if images:
            data[f"items-{i}-image"] = jpeg(name=f"item{i}.jpg")
    return client.post("/warehouse/items/new", data=data, content_type="multipart/form-data")


def test_several_items_are_registered_in_one_request(wh_client, wh_seller):
    resp = _post_items(wh_client, item_form(0), item_form(1, name_ko="무지 니트", hs_code="6110.20",
                                                          url="https://detail.1688.com/offer/1.html"))
    assert resp.status_code == 302
    saved = WarehouseItem.query.filter_by(tenant_id=wh_seller.id).order_by(WarehouseItem.id).all()
    assert [i.fnsku for i in saved] == ["D113985618400000", "D113985618400001"]
    assert saved[1].hs_code == "611020" and saved[1].available == 0 and saved[1].image
    page = wh_client.get("/warehouse/items").get_data(as_text=True)
    assert "D113985618400001" in page and "무지 니트" in page
    assert wh_client.get(f"/warehouse/items/{saved[0].id}/image").status_code == 200


def test_one_bad_item_saves_none_and_names_every_field(wh_client, wh_seller):
    bad = item_form(1, name_zh="sweater", customs_value="0", width_cm="", fnsku="D113985618400000",
                    url="detail.1688.com")
    resp = _post_items(wh_client, item_form(0), bad)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    for message in ("중문상품명은 중국어(한자)로 입력해 주세요.", "세관신고가격은 0보다 큰 숫자",
                    "부피는 가로, 세로, 높이를", "#1 상품과 바코드(Fnsku)가 같습니다.",
                    "상품URL은 http:// 또는 https://"):
        assert message in html, message
    assert WarehouseItem.query.count() == 0


def test_image_is_required_and_must_be_a_picture(wh_client):
    resp = _post_items(wh_client, item_form(0), images=False)
    assert "상품이미지를 등록해 주세요." in resp.get_data(as_text=True)
    data = {**item_form(0), "items-0-image": (__import__("io").BytesIO(b"not an image"), "x.jpg")}
    resp = wh_client.post("/warehouse/items/new", data=data, content_type="multipart/form-data")
    assert "상품이미지를 읽을 수 없습니다" in resp.get_data(as_text=True)
    assert WarehouseItem.query.count() == 0


def test_a_barcode_already_registered_is_refused(wh_client, wh_seller):
    make_item(wh_seller, "D113985618400000")
    resp = _post_items(wh_client, item_form(0))
    assert resp.status_code == 400 and "이미 등록된 바코드(Fnsku)입니다." in resp.get_data(as_text=True)


def test_translate_suggests_from_the_glossary_only_when_asked(wh_client):
    resp = wh_client.post("/warehouse/items/translate", data={"name_zh": "2024年新款羽绒棉服女冬短款加厚外套"})
    data = resp.get_json()
    assert data["ko"] == "2024 신상 다운 면패딩 여성 겨울 숏 기모 외투"
    assert data["en"].startswith("2024 new down cotton padded jacket women's winter short")
    unknown = wh_client.post("/warehouse/items/translate", data={"name_zh": "悬浮戒指"}).get_json()
    assert unknown["unknown"] == "悬浮" and unknown["ko"] == "반지"
    # the registration page never fills 한글/영문 by itself
    page = wh_client.get("/warehouse/items/new").get_data(as_text=True)
    assert 'name="items-0-name_ko" value=""' in page


def test_edit_popup_saves_and_keeps_the_barcode(wh_client, wh_seller):
    item = make_item(wh_seller)
    assert "상품정보수정" in wh_client.get(f"/warehouse/items/{item.id}/edit").get_data(as_text=True)
    form = {"fnsku": "CHANGED00001", "warehouse": "ICN", "owner_name": "가나다상회", "seller_sku": "S-9",
            "name_zh": "羽绒棉服", "name_en": "Down jacket", "name_ko": "다운 자켓", "customs_value": "20",
            "currency": "CNY", "weight_kg": "1", "width_cm": "40", "depth_cm": "30", "height_cm": "8",
            "has_battery": "yes"}
    assert wh_client.post(f"/warehouse/items/{item.id}/edit", data=form).status_code == 302
    db.session.refresh(item)
    assert (item.fnsku, item.name_ko, item.currency, item.has_battery) == ("D118024465402037", "다운 자켓", "CNY", True)
    resp = wh_client.post(f"/warehouse/items/{item.id}/edit", data={**form, "weight_kg": "-1"})
    assert resp.status_code == 400 and "무게는 0보다 큰 숫자" in resp.get_data(as_text=True)


def test_a_refused_item_lists_its_reason_and_returns_when_fixed(wh_client, support_client, wh_seller):
    item = make_item(wh_seller)
    resp = support_client.post(f"/support-admin/warehouse_desk/items/{item.id}/refuse",
                               data={"reason": "바코드 라벨이 쿠팡 규격과 다릅니다."})
    assert resp.status_code == 302
    failed = wh_client.get("/warehouse/items/failed").get_data(as_text=True)
    assert "바코드 라벨이 쿠팡 규격과 다릅니다." in failed
    assert item.fnsku not in wh_client.get("/warehouse/items").get_data(as_text=True)
    form = {k: getattr(item, k) for k in ("warehouse", "owner_name", "seller_sku", "name_zh", "name_en",
                                          "customs_value", "weight_kg", "width_cm", "depth_cm", "height_cm")}
    wh_client.post(f"/warehouse/items/{item.id}/edit", data={**form, "has_battery": "no"})
    assert item.fnsku in wh_client.get("/warehouse/items").get_data(as_text=True)
    assert item.fnsku not in wh_client.get("/warehouse/items/failed").get_data(as_text=True)


def _product_with_options(tenant):
    product = Product(tenant_id=tenant.id, name="니트", code="2026120400001", own_code="KNIT",
                      option_names=["색상"])
    db.session.add(product)
    db.session.flush()
    for no, value in enumerate(["화이트", "블랙"], start=1):
        db.session.add(ProductOption(tenant_id=tenant.id, product_id=product.id, no=no, values=value, stock=3))
    db.session.commit()
    return product


def test_items_are_created_from_and_linked_to_our_product_options(wh_client, wh_seller):
    product = _product_with_options(wh_seller)
    page = wh_client.get(f"/warehouse/items/new?product={product.code}").get_data(as_text=True)
    assert f'value="{product.code}/2"' in page and 'value="블랙"' in page
    resp = _post_items(wh_client, item_form(0, link=f"{product.code}/2"), item_form(1, link=product.code))
    assert "옵션이 있는 상품은 &#39;상품코드/옵션번호&#39;로" in resp.get_data(as_text=True)
    resp = _post_items(wh_client, item_form(0, link=f"{product.code}/2"))
    assert resp.status_code == 302
    item = WarehouseItem.query.one()
    assert item.option_id == ProductOption.query.filter_by(no=2).one().id


def test_search_by_field(wh_client, wh_seller):
    make_item(wh_seller, "AAA0000000001", name_zh="毛衣")
    make_item(wh_seller, "BBB0000000002", name_zh="外套")
    page = wh_client.get("/warehouse/items?q=外套&field=name_zh").get_data(as_text=True)
    assert "BBB0000000002" in page and "AAA0000000001" not in page
    page = wh_client.get("/warehouse/items?q=AAA0000000001&field=fnsku").get_data(as_text=True)
    assert "AAA0000000001" in page and "BBB0000000002" not in page


def test_menu_shows_only_when_turned_on_and_to_logistics(app, client, seller, wh_staff):
    seller.warehouse_enabled = False
    db.session.commit()
    client.post("/login", data={"login_id": "sellerAmaster", "password": PASSWORD})
    assert client.get("/warehouse/stock").status_code == 404
    assert "창고관리" not in client.get("/dashboard").get_data(as_text=True)
    resp = client.post("/account/company", data={
        "name": "가나다상회", "ceo_name": "대표", "business_item": "소매", "business_type": "전자상거래",
        "contact_name": "담당", "address": "서울시 강서구", "email": "a@example.com", "mobile": "010-1111-2222",
        "warehouse_enabled": "y"})
    assert resp.status_code == 302
    assert client.get("/warehouse/stock").status_code == 200
    assert "창고관리" in client.get("/dashboard").get_data(as_text=True)
    other = app.test_client()
    from ..conftest import make_user
    make_user("productsonly", seller, duties=["products"])
    other.post("/login", data={"login_id": "productsonly", "password": PASSWORD})
    assert other.get("/warehouse/stock").status_code == 403
    staff = app.test_client()
    staff.post("/login", data={"login_id": "whstaff", "password": PASSWORD})
    assert staff.get("/warehouse/stock").status_code == 200


def test_pages_read_in_english_for_an_english_user(wh_client, wh_seller):
    from models import User
    User.query.filter_by(login_id="sellerAmaster").one().locale = "en"
    db.session.commit()
    page = wh_client.get("/warehouse/stock").get_data(as_text=True)
    assert "Low stock only" in page and "Download Excel" in page and "재고부족상품보기" not in page
    resp = _post_items(wh_client, item_form(0, name_zh="sweater"))
    assert "Enter the Chinese item name in Chinese characters." in resp.get_data(as_text=True)


def test_pages_of_the_stock_list_meet_in_the_middle(wh_client, wh_seller):
    """Pages past the middle are read from the other end; every item is on one page, newest first."""
    import re
    for n in range(45):
        make_item(wh_seller, f"PAGE{n:09d}")
    seen = []
    for page in (1, 2, 3):
        html = wh_client.get(f"/warehouse/stock?per_page=20&page={page}").get_data(as_text=True)
        seen += re.findall(r'data-fnsku="(PAGE\d+)"', html)
    assert seen == [f"PAGE{n:09d}" for n in reversed(range(45))]
