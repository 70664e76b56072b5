"""쿠팡 address book against the documented examples: 출고지 조회, 반품지 목록 조회, the 400."""
import pytest

from portal.marketplaces import PermanentError, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk"}
NO_MORE = {"response": {"status": 200, "body": {"code": 200, "message": "SUCCESS", "data": {
    "content": [], "pagination": {"currentPage": 2, "totalPages": 749}}}}}


def adapter(channel):
    return build_adapter("coupang", CREDS, base_url=channel.url, http=fast_http())


def test_documented_address_lists_are_asked_as_documented_and_read_as_choices(channel):
    places, centers = load("coupang", "outbound_places"), load("coupang", "return_centers")
    channel.answer("GET", "/shipping-place/outbound", places)
    channel.answer("GET", "/returnShippingCenters", centers, times=1)
    channel.answer("GET", "/returnShippingCenters", NO_MORE)
    book = adapter(channel).fetch_address_book()

    [outbound] = channel.calls("/shipping-place/outbound")
    assert outbound.method == places["request"]["method"]
    assert outbound.path == places["request"]["path"]
    assert outbound.query == places["request"]["query"]
    first, second = channel.calls("/returnShippingCenters")
    assert first.path == centers["request"]["path"] and first.query == centers["request"]["query"]
    # The documented pagination says more pages follow: the next one is asked for.
    assert second.query["pageNum"] == "2"

    assert book["outbound"] == [{"code": "1111222", "name": "상품출고지1",
                                 "address": "(05510) 서울특별시 송파구 신천동 7-30, Tower출고지",
                                 "phone": "02-1234-5678", "fills": {}}]
    assert [c["code"] for c in book["return"]] == ["1000557004", "1000557003"]
    center = book["return"][0]
    assert center["address"] == "(42701) 대구시 달서구 성서공단로 235"
    # Choosing a 반품지 also fills the 반품지명 and 연락처 that product create sends.
    assert center["fills"] == {"return_center_name": "32777 R", "return_contact": "02-111-1111"}


def test_documented_outbound_error_is_a_refusal_with_the_channels_text(channel):
    channel.answer("GET", "/shipping-place/outbound", load("coupang", "outbound_places_error_400"))
    with pytest.raises(PermanentError) as err:
        adapter(channel).fetch_address_book()
    assert err.value.http_status == 400
    assert "pageNum & pageSize" in err.value.message_ko
