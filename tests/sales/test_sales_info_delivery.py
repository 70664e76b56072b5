"""판매정보 배송방법 as the manual shows it: 퀵서비스 업체명 한글 10자 with 배송지역, 방문수령 with its 혜택."""
import pytest

from models import SalesInfo

from .test_sales_info import errors_of, interpark, save  # noqa: F401  (fixture)

QUICK = {"use_quick": "y", "quick_phone": "0212345678"}


@pytest.mark.parametrize("company, ok", [
    ("가나다라마바사아자차", True),          # 한글 10자
    ("QUICK-SERVICE-2024AB", True),        # 영문/숫자 20자
    ("가나다라마바사아자차카", False),       # 한글 11자: refused, never cut
    ("번개퀵서비스 SEOUL 24H", False),      # 한글 6자 + 영문/숫자 10자 = 22 places
])
def test_quick_company_name_is_ten_hangul_or_twenty_latin(client, interpark, company, ok):
    resp = save(client, interpark, quick_company=company, quick_area="서울 전지역", **QUICK)
    if not ok:
        assert resp.status_code == 400
        assert errors_of(resp)["quick_company"] == "퀵서비스 업체명은 한글 10자(영문/숫자 20자) 이내로 입력해 주세요."
        return
    assert resp.status_code == 302, errors_of(resp)
    quick = SalesInfo.query.one().extra_methods["quick"]
    assert quick == {"company": company, "phone": "0212345678", "area": "서울 전지역"}


@pytest.mark.parametrize("benefit, extra, stored, message", [
    ("none", {}, {"benefit": "none"}, None),
    ("discount", {"pickup_discount": "1000"}, {"benefit": "discount", "discount": 1000}, None),
    ("discount", {"pickup_discount": "1005"}, None, "방문수령 가격할인은 10원 이상, 10원 단위로 입력해 주세요."),
    ("gift", {"pickup_gift": "에코백"}, {"benefit": "gift", "gift": "에코백"}, None),
    ("gift", {"pickup_gift": "가" * 11}, None, "방문수령 사은품은 한글 10자(영문/숫자 20자) 이내로 입력해 주세요."),
])
def test_pickup_offers_the_buyers_benefit(client, interpark, benefit, extra, stored, message):
    resp = save(client, interpark, use_pickup="y", pickup_address="서울특별시 강서구 강서로 1", pickup_benefit=benefit,
                **extra)
    if message:
        assert resp.status_code == 400 and errors_of(resp)["pickup_address"] == message
        return
    assert resp.status_code == 302, errors_of(resp)
    assert SalesInfo.query.one().extra_methods["pickup"] == {"address": "서울특별시 강서구 강서로 1", **stored}


def test_the_form_offers_quick_area_and_pickup_benefits(client, interpark):
    html = client.get(f"/products/sales-info/new?account_id={interpark.id}").get_data(as_text=True)
    assert 'name="quick_area"' in html and 'name="pickup_benefit"' in html and "가격할인(금액환불)" in html
