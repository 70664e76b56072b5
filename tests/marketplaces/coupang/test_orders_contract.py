"""쿠팡 ordersheets against the documented examples: request form, v5 money objects, offsets."""
from datetime import date, datetime, timedelta

import pytest

from portal.marketplaces import KST, PermanentError, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk",
         "wing_user_id": "wing01"}
LAST_PAGE = {"response": {"status": 200, "body": {"code": 200, "message": "OK", "data": [],
                                                  "nextToken": ""}}}


def adapter(channel):
    return build_adapter("coupang", CREDS, base_url=channel.url, http=fast_http())


def day(value: str) -> date:
    assert value.endswith("+09:00") and len(value) == 16, value
    return date.fromisoformat(value[:10])


def test_documented_order_sheet_page_is_read_with_money_objects_and_offsets(channel):
    documented = load("coupang", "ordersheets_list")
    channel.answer("GET", "/ordersheets", documented, times=1)
    channel.answer("GET", "/ordersheets", LAST_PAGE)
    orders = adapter(channel).fetch_orders(datetime(2025, 1, 10, tzinfo=KST),
                                           datetime(2025, 1, 20, tzinfo=KST))

    first = channel.received[0]
    asked = documented["request"]
    assert first.path == asked["path"]
    assert set(asked["query"]) <= set(first.query) | {"maxPerPage"}
    # The "+" of the offset travels encoded (%2B), as in the documented example endpoint.
    assert "createdAtFrom=2025-01-10%2B09%3A00" in first.raw_query or \
        "createdAtFrom=2025-01-10%2B09:00" in first.raw_query
    assert first.query["createdAtTo"] == "2025-01-20+09:00"
    assert int(first.query["maxPerPage"]) <= 50
    # nextToken of the documented page is sent back for the next page of the same status.
    follow = channel.received[1]
    assert follow.query["nextToken"] == "448537989"
    assert follow.query["status"] == first.query["status"]

    by_id = {o.channel_order_id: o for o in orders}
    assert set(by_id) == {"22000009546234", "22000009546630"}
    paid = by_id["22000009546234"]
    # 2025-01-15T14:17:13.973885-08:00 is 07:17:13 the next morning in Korea.
    assert paid.ordered_at == datetime(2025, 1, 16, 7, 17, 13, 973885, tzinfo=KST)
    assert paid.ordered_at.utcoffset() == timedelta(hours=9)
    assert paid.shipping_fee == 5000
    line = paid.lines[0]
    assert (line.unit_price, line.amount, line.quantity) == (19000, 19000, 1)
    assert line.channel_line_id == "642538970006401429-3242596358"
    assert line.channel_product_id == "80240831" and line.seller_code == "170816368810"
    assert line.option_name == "07 DARK GREY 160호"
    assert paid.total_amount == 24000
    free = by_id["22000009546630"]
    assert free.shipping_fee == 0 and free.lines[0].amount == 278000
    assert free.delivery_message == "직접 받고 부재 시 문 앞"


def test_a_long_range_is_asked_in_windows_of_at_most_31_days(channel):
    channel.answer("GET", "/ordersheets", LAST_PAGE)
    adapter(channel).fetch_orders(datetime(2025, 1, 1, tzinfo=KST),
                                  datetime(2025, 3, 20, tzinfo=KST))
    spans = {(day(r.query["createdAtFrom"]), day(r.query["createdAtTo"]))
             for r in channel.calls("/ordersheets")}
    assert len(spans) >= 3
    assert all((end - start).days + 1 <= 31 for start, end in spans)
    assert min(s for s, _ in spans) == date(2025, 1, 1)
    assert max(e for _, e in spans) == date(2025, 3, 20)


def test_documented_window_error_reads_as_a_korean_refusal(channel):
    channel.answer("GET", "/ordersheets", load("coupang", "ordersheets_error_window"))
    with pytest.raises(PermanentError) as err:
        adapter(channel).fetch_orders(datetime(2025, 1, 1, tzinfo=KST),
                                      datetime(2025, 1, 2, tzinfo=KST))
    assert err.value.message_ko == "조회 기간은 최대 31일입니다."
    assert err.value.http_status == 400
