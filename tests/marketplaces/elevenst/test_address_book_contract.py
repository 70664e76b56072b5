"""11번가 address book against the documented pages: 출고지 / 반품·교환지 주소 조회 and the error."""
import pytest

from portal.marketplaces import PermanentError, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load


def adapter(channel):
    return build_adapter("11st", {"openapikey": "k" * 32}, base_url=channel.url,
                         http=fast_http())


def test_documented_address_lists_are_read_as_choices(channel):
    out, back = load("elevenst", "outbound_area"), load("elevenst", "inbound_area")
    channel.answer("GET", "/areaservice/outboundarea", out)
    channel.answer("GET", "/areaservice/inboundarea", back)
    book = adapter(channel).fetch_address_book()

    for fixture in (out, back):
        [call] = channel.calls(fixture["request"]["path"])
        assert call.method == fixture["request"]["method"]
        assert call.path.endswith(fixture["request"]["path"])
        assert call.headers["Openapikey"] == "k" * 32 and "Content-Type" not in call.headers
    expected = {"code": "14", "name": "본사", "address": "서울 중구 을지로1가 111",
                "phone": "02-1111-2222", "fills": {}}
    assert book == {"outbound": [expected], "return": [expected]}


def test_documented_error_message_is_a_refusal_with_its_text(channel):
    channel.answer("GET", "/areaservice/", load("elevenst", "address_error"))
    with pytest.raises(PermanentError) as err:
        adapter(channel).fetch_address_book()
    assert err.value.message_ko == "주소지 조회 오류 : OpenAPI Key 에 해당하는 유저가 없습니다."
