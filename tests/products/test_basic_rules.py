"""상품 기본정보 rules: each violating value is refused with the guide's Korean message."""
import pytest

from models import Product

from .conftest import errors_of, jpeg, product_form


@pytest.mark.parametrize("overrides, message", [
    ({"name": ""}, "상품명을 입력해 주세요."),
    ({"name": "자전거 [특가]!"},
     "상품명에는 특수문자 ( ) / + - ~ 만 사용할 수 있습니다. 사용할 수 없는 문자: [ ] !"),
    ({"name": "가" * 21}, "상품명은 최대 한글 20자, 영문 40자까지 입력할 수 있습니다. (현재 42/40)"),
    ({"name": "A" * 41}, "상품명은 최대 한글 20자, 영문 40자까지 입력할 수 있습니다. (현재 41/40)"),
    ({"category_code": ""}, "카테고리를 선택한 후 적용 + 버튼을 눌러 주세요."),
    ({"category_code": "0901"}, "카테고리는 최하위 분류까지 선택해 주세요: 스포츠/레저/취미 > 스포츠용품"),
    ({"category_code": "999999"}, "존재하지 않는 카테고리입니다: 999999"),
    ({"own_code": "ABCDEFGHIJK"}, "자체상품코드는 최대 10자까지 입력할 수 있습니다."),
    ({"own_code": "AB 12"}, "자체상품코드는 영문, 숫자, -, _ 만 사용할 수 있습니다."),
    ({"model_name": "M" * 31}, "모델명은 최대 30자까지 입력할 수 있습니다."),
    ({"model_no": "9" * 31}, "모델NO는 최대 30자까지 입력할 수 있습니다."),
    ({"maker": ""}, "제조사를 입력해 주세요."),
    ({"brand": ""}, "브랜드를 입력해 주세요."),
    ({"made_on": "2014-13-45"}, "제조일자 형식이 올바르지 않습니다. 예) 20141023"),
    ({"made_on": "20200101", "expires_on": "20190101"}, "유효일자는 제조일자 이후여야 합니다."),
    ({"origin_type": ""}, "원산지를 선택해 주세요."),
    ({"origin_type": "agri"}, "농산물/수산물은 원산지(생산지)를 입력해 주세요. 예) 국내산, 노르웨이산"),
    ({"origin_type": "processed"}, "가공품은 원재료(원료명/원산지/함량)를 1개 이상 등록해야 합니다."),
    ({"origin_type": "processed", "raw_name": "배추", "raw_origin": "", "raw_content": "80"},
     "원재료 1행: 원료명, 원산지, 함량을 모두 입력해 주세요."),
    ({"origin_type": "processed", "raw_name": "배추", "raw_origin": "국내산", "raw_content": "120"},
     "원재료 1행: 함량은 0~100 사이의 숫자(%)로 입력해 주세요."),
    ({"origin_type": "processed", "raw_name": ["배추", "무"], "raw_origin": ["국내산", "국내산"],
      "raw_content": ["80", "30"]}, "원재료 함량의 합계가 100%를 넘을 수 없습니다."),
    ({"cert_kind": ["안전확인"] * 6, "cert_authority": [f"기관{i}" for i in range(6)],
      "cert_number": [f"N{i}" for i in range(6)]}, "인증정보는 최대 5개까지 등록할 수 있습니다."),
    ({"cert_kind": "안전확인", "cert_authority": "KTR", "cert_number": ""},
     "인증정보 1행: 인증기관과 인증번호를 모두 입력해 주세요."),
    ({"keywords": "자전거키워드 " * 30}, "상품 키워드는 최대 200자까지 입력할 수 있습니다."),
    ({"rep_price": ""}, "대표가격(공급원가)을 입력해 주세요."),
    ({"rep_price": "5"}, "대표가격은 10원 이상 1,000,000,000원 이하의 숫자로 입력해 주세요."),
    ({"rep_price": "만원"}, "대표가격은 10원 이상 1,000,000,000원 이하의 숫자로 입력해 주세요."),
    ({"tax_type": "maybe"}, "과세구분을 선택해 주세요."),
    ({"sale_region": "moon"}, "판매지역을 선택해 주세요."),
    ({"stock": "-1"}, "재고수량은 0 이상의 숫자로 입력해 주세요."),
    ({"status": "x"}, "상품상태를 선택해 주세요."),
])
def test_violation_is_refused_with_message(register, overrides, message):
    resp = register(product_form(**overrides))
    assert resp.status_code == 400
    assert message in errors_of(resp)
    assert Product.query.count() == 0


def test_allowed_special_characters_and_exact_width_pass(register):
    name = "1+1 티셔츠 (화이트/블랙) ~특가-"  # only ( ) / + - ~ and 40 wide at most
    resp = register(product_form(name=name))
    assert resp.status_code == 302
    assert Product.query.one().name == name


def test_twenty_hangul_fit_and_maker_brand_default_to_company(client, register, seller):
    html = client.get("/products/register").get_data(as_text=True)
    assert 'name="maker" id="maker" value="가나다상회"' in html
    assert 'name="brand" id="brand" value="가나다상회"' in html
    assert "최대 한글 20자, 영어 40자" in html  # the guide's hint beside 상품명
    assert register(product_form(name="가" * 20)).status_code == 302


def test_children_and_electrical_groups_need_a_certification(register):
    notice = {f"notice_f{i}": "상세페이지 참조" for i in range(1, 13)}
    resp = register(product_form(notice_group="kids", **notice))
    assert "어린이제품과 전기제품은 인증정보를 1개 이상 입력해야 합니다." in errors_of(resp)
    resp = register(product_form(notice_group="home_appliance", **notice))
    assert "어린이제품과 전기제품은 인증정보를 1개 이상 입력해야 합니다." in errors_of(resp)
    resp = register(product_form(notice_group="kids", cert_kind="어린이제품 안전확인",
                                 cert_authority="KCL", cert_number="CB061R1234-5001", **notice))
    assert resp.status_code == 302
    assert Product.query.one().certifications[0]["number"] == "CB061R1234-5001"


def test_own_code_is_unique_per_seller_and_duplicate_check_says_so(client, register, product):
    resp = register(product_form(own_code="BIKE01"))
    assert "이미 사용 중인 자체상품코드입니다. (삭제된 상품은 상품복원에서 확인하세요)" in errors_of(resp)
    assert client.get("/products/own-code/check?code=BIKE01").get_json() == {
        "ok": False, "message": "이미 사용 중인 자체상품코드입니다. (삭제된 상품은 상품복원에서 확인하세요)"}
    assert client.get("/products/own-code/check?code=BIKE02").get_json()["ok"] is True
    # Checking the product's own code on its own edit page is fine.
    assert client.get(f"/products/own-code/check?code=BIKE01&product_id={product.id}").get_json()["ok"]


def test_same_own_code_is_free_for_another_seller(client, auth, product, other_seller):
    auth.login("sellerBmaster")
    assert client.get("/products/own-code/check?code=BIKE01").get_json()["ok"] is True


def test_description_html_is_sanitised(register):
    resp = register(product_form(description='<p onclick="x()">좋아요<script>alert(1)</script>'
                                             '<img src="javascript:alert(1)"><b>굵게</b></p>'))
    assert resp.status_code == 302
    stored = Product.query.one().description
    assert "<script" not in stored and "onclick" not in stored and "javascript:" not in stored
    assert "<b>굵게</b>" in stored


@pytest.mark.parametrize("upload, message", [
    (jpeg("bike1.png", fmt="PNG"), "이미지는 jpg 파일만 등록할 수 있습니다."),
    (jpeg("bike1.jpg", fmt="PNG"), "이미지는 jpg 파일만 등록할 수 있습니다."),
    (jpeg("자전거 1.jpg"), "이미지 파일명은 영문/숫자의 조합만 가능합니다. (특수문자, 공백 사용불가)"),
    (jpeg("bike_1.jpg"), "이미지 파일명은 영문/숫자의 조합만 가능합니다. (특수문자, 공백 사용불가)"),
])
def test_image_rules(register, upload, message):
    resp = register(product_form(main_upload=upload))
    assert message in errors_of(resp)


def test_image_over_3mb_is_refused(register):
    import io
    import os

    from PIL import Image

    buf = io.BytesIO()
    Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3)).save(buf, "JPEG", quality=100)
    assert buf.tell() > 3 * 1024 * 1024
    buf.seek(0)
    resp = register(product_form(main_upload=(buf, "big1.jpg")))
    assert "이미지는 3MB 이하만 등록할 수 있습니다." in errors_of(resp)


def test_images_are_stored_1000_square_and_served_only_to_the_owner(client, auth, register,
                                                                    other_seller):
    resp = register(product_form(main_upload=jpeg("bike1.jpg", (400, 300)),
                                 extra_upload=[jpeg("side1.jpg"), jpeg("side2.jpg")]))
    assert resp.status_code == 302
    product = Product.query.one()
    assert len(product.extra_images) == 2
    img = client.get(f"/products/images/{product.main_image}")
    assert img.status_code == 200 and img.mimetype == "image/jpeg"
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(img.data)).size == (1000, 1000)
    auth.logout()
    auth.login("sellerBmaster")
    assert client.get(f"/products/images/{product.main_image}").status_code == 404


def test_more_than_two_extra_images_are_refused(register):
    resp = register(product_form(extra_upload=[jpeg("a1.jpg"), jpeg("a2.jpg"), jpeg("a3.jpg")]))
    assert "추가이미지는 최대 2개까지 등록할 수 있습니다." in errors_of(resp)


def test_a_detail_image_keeps_its_shape_and_is_served_only_to_the_owner(client, auth, register,
                                                                         other_seller):
    """상품상세 이미지: a long 상세설명 picture, stored like the product images but not squared."""
    import io

    from PIL import Image

    page = client.get("/products/register").get_data(as_text=True)
    assert 'name="detail_upload"' in page and "공개 이미지 주소가 필요합니다" in page
    refused = register(product_form(detail_upload=jpeg("detail1.png", fmt="PNG")))
    assert "이미지는 jpg 파일만 등록할 수 있습니다." in errors_of(refused)
    resp = register(product_form(detail_upload=jpeg("detail1.jpg", (1200, 3000))))
    assert resp.status_code == 302
    product = Product.query.one()
    img = client.get(f"/products/images/{product.detail_image}")
    assert img.status_code == 200 and Image.open(io.BytesIO(img.data)).size == (860, 2150)
    edit = client.get(f"/products/{product.id}/edit").get_data(as_text=True)
    assert f'value="{product.detail_image}" checked' in edit
    kept = product.detail_image
    assert client.post(f"/products/{product.id}/edit",
                       data=product_form(detail_image=kept, name="자전거 상세 유지")).status_code == 302
    assert Product.query.one().detail_image == kept
    assert client.post(f"/products/{product.id}/edit",
                       data=product_form(name="자전거 상세 삭제")).status_code == 302
    assert Product.query.one().detail_image == ""
    auth.logout()
    auth.login("sellerBmaster")
    assert client.get(f"/products/images/{product.detail_image}").status_code == 404
