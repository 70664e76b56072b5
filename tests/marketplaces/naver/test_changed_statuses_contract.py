"""스마트스토어 변경 상품 주문 내역 against the documented examples: query form, more paging."""
from datetime import datetime

from portal.marketplaces import KST, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv"}
NO_DETAILS = {"response": {"status": 200, "body": {"timestamp": "2023-01-16T17:14:51.794+09:00",
                                                   "traceId": "t", "data": []}}}


def test_changed_statuses_are_asked_as_documented_and_followed_through_more(channel):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    has_more = load("naver", "last_changed_has_more")
    channel.answer("GET", "/last-changed-statuses", has_more, times=1)
    channel.answer("GET", "/last-changed-statuses", load("naver", "last_changed"))
    channel.answer("POST", "/product-orders/query", NO_DETAILS)
    shop = build_adapter("naver", CREDS, base_url=channel.url, http=fast_http())
    shop.fetch_orders(datetime(2022, 5, 11, 21, 0, tzinfo=KST),
                      datetime(2022, 5, 11, 22, 30, tzinfo=KST))

    first, second = channel.calls("/last-changed-statuses")
    assert first.path.endswith(has_more["request"]["path"])
    documented_from = has_more["request"]["query"]["lastChangedFrom"]
    # ISO with milliseconds and +09:00, as the documented example; To inclusive, ≤ 300 rows.
    assert first.query["lastChangedFrom"] == "2022-05-11T21:00:00.000+09:00"
    assert len(first.query["lastChangedFrom"]) == len(documented_from)
    assert first.query["lastChangedTo"] == "2022-05-11T22:30:00.000+09:00"
    assert int(first.query["limitCount"]) <= 300
    # The next page starts at more.moreFrom with more.moreSequence, as the document says.
    assert second.query["lastChangedFrom"] == "2022-05-11T22:05:27.000+09:00"
    assert second.query["moreSequence"] == "2022051122443341"
    assert second.query["lastChangedTo"] == first.query["lastChangedTo"]
    [query] = channel.calls("/product-orders/query")
    assert query.json()["productOrderIds"] == ["2022051122441251", "2022051122442301",
                                               "2022051122443341"]
