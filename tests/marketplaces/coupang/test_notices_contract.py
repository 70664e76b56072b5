"""쿠팡 카테고리 메타정보 against the documented example, and each item's 상품고시정보 built from it."""
import pytest

from portal.marketplaces import ChannelError, Outcome, build_adapter
from tests.marketplaces.coupang.test_update_contract import update
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk"}


def adapter(channel):
    return build_adapter("coupang", CREDS, base_url=channel.url, http=fast_http())


def test_the_documented_category_meta_is_read_with_its_required_marks(channel):
    documented = load("coupang", "category_meta")
    channel.answer("GET", "/category-related-metas/", documented)
    found = adapter(channel).fetch_category_meta("78877")
    [call] = channel.received
    assert (call.method, call.path) == (documented["request"]["method"], documented["request"]["path"])
    assert list(found.notice_categories) == ["자동차용품(자동차부품/기타 자동차용품)", "기타 재화"]
    assert found.notice_categories["기타 재화"][2] == ("제조국(원산지)", True)
    quantity = found.attributes[0]
    assert (quantity.name, quantity.required, quantity.data_type, quantity.unit) == ("수량", False, "NUMBER", "개")
    assert found.attributes[1].unit == ""          # basicUnit 없음
    assert found.required_attributes == []


def test_an_unknown_category_is_the_documented_korean_refusal(channel):
    channel.answer("GET", "/category-related-metas/", load("coupang", "category_meta_error_400"))
    with pytest.raises(ChannelError) as err:
        adapter(channel).fetch_category_meta("1")
    assert err.value.message_ko.startswith("관리카테고리를 찾을 수 없는 노출카테고리코드 입니다.")


def test_an_update_sends_every_detail_of_the_chosen_notice_category(channel):
    [result] = update(channel, {"group": "기타 재화", "fields": {"제조국 또는 원산지": "대한민국",
                                                              "품명 및 모델명": "클렌징 오일 CO-200"}})
    assert result.outcome is Outcome.OK
    [item] = [c for c in channel.received if c.method == "PUT"][0].json()["items"]
    notices = {n["noticeCategoryDetailName"]: n["content"] for n in item["notices"]}
    assert {n["noticeCategoryName"] for n in item["notices"]} == {"기타 재화"}
    # Unanswered details say 상세페이지 참조, as the document's own example does.
    assert notices == {"품명 및 모델명": "클렌징 오일 CO-200", "인증사항": "상세페이지 참조",
                       "제조국(원산지)": "대한민국", "제조자(수입자)": "상세페이지 참조",
                       "소비자상담 관련 전화번호": "상세페이지 참조"}
