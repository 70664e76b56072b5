"""제휴몰 계정정보 tells each channel's link (real API, sandbox only, no API) and what it supports."""
import html
import re

from models import ChannelAccount


def _rows(client):
    """Per channel, the first row's link, supported groups and file import address."""
    page = client.get("/account/channels").get_data(as_text=True)
    rows = {}
    for code, body in re.findall(r'<tr data-channel="([^"]+)">(.*?)</tr>', page, re.S):
        link = re.search(r'data-link="([^"]+)"', body)
        if link is None or code in rows:
            continue
        file = re.search(r'<a href="([^"]+)" data-file-import>', body)
        rows[code] = {
            "link": link.group(1),
            "supports": dict(re.findall(
                r'data-support="([^"]+)" data-supported="(yes|no|partial)"', body)),
            "file": html.unescape(file.group(1)) if file else ""}
    return rows


def test_each_channel_shows_its_link_and_what_its_adapter_really_does(client, auth, seller):
    auth.login()
    rows = _rows(client)
    assert rows["rakuten"]["link"] == "실제 API"
    # 商品API 2.0 links listings, so their stock follows too.
    assert rows["rakuten"]["supports"] == {"주문": "yes", "클레임": "no", "문의": "yes",
                                           "상품": "yes", "재고": "yes"}
    assert rows["amazonjp"]["link"] == "실제 API"
    assert rows["amazonjp"]["supports"] == {"주문": "yes", "클레임": "no", "문의": "no",
                                            "상품": "no", "재고": "partial"}
    assert rows["naver"]["supports"] == {"주문": "yes", "클레임": "yes", "문의": "yes",
                                         "상품": "yes", "재고": "yes"}
    assert rows["interpark"]["link"] == "샌드박스 전용"


def test_buyma_says_it_has_no_api_and_points_to_its_order_file(client, auth, seller):
    auth.login()
    buyma = _rows(client)["buyma"]
    assert buyma["link"] == "API 없음"
    assert buyma["file"] == "/fulfilment/manual/upload?preset=buyma"
    page = client.get(buyma["file"]).get_data(as_text=True)
    assert "BUYMA 配送先情報 CSV" in page
    assert "판매자용 API를 제공하지 않는 제휴몰입니다." in client.get("/account/channels").get_data(
        as_text=True)


def test_a_channel_without_api_cannot_be_registered_against_the_real_marketplace(client, auth,
                                                                                  seller):
    auth.login()
    resp = client.post("/account/channels/buyma/new", data={
        "alias": "본점", "api_key": "k", "endpoint": "live"})
    assert resp.status_code == 400
    assert "판매자용 API를 제공하지 않아" in resp.get_data(as_text=True)
    assert ChannelAccount.query.count() == 0
    form = client.get("/account/channels/buyma/new").get_data(as_text=True)
    assert "주문서 가져오기로 올려 주세요" in form
