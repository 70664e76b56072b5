"""Every discovered adapter keeps the ChannelAdapter contract and connects with its demo keys."""
from datetime import datetime, timedelta, timezone

import pytest

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import (
    CAPABILITY_METHODS, ChannelAdapter, ChannelType, ClaimAction, Claim, ClaimKind, Invoice,
    Listing, NotSupported, OrderLine, OrderStatus, build_adapter, discover_adapters, split_windows,
)

ADAPTERS = discover_adapters()
DOMAIN_CHANNELS = {"11st", "auction", "gmarket", "interpark", "wemakeprice", "naver", "coupang",
                   "hmall", "cjmall",
                   "lotte", "lottehomeshopping", "gsshop", "publichomeshopping", "qoo10jp",
                   "rakuten", "amazonjp", "buyma"}
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
CALLS = {
    "test_connection": (), "fetch_categories": (None,), "push_listing": (Listing("상품", 1000),),
    "update_listing": (Listing("상품", 1000, channel_product_id="1"),),
    "update_stock": ([("1", 1)],), "end_listing": (["1"],), "resume_listing": (["1"],),
    "fetch_listing": ("1",), "fetch_listings": (),
    "fetch_orders": (NOW - timedelta(hours=1), NOW),
    "confirm_orders": ([OrderLine("x", "", "1", "1", "상품", 1)],),
    "cancel_sale": ([OrderLine("x", "", "1", "1", "상품", 1)], "품절"),
    "send_invoices": ([Invoice("1", "1", "CJGLS", "1")],),
    "fetch_claims": (NOW - timedelta(hours=1), NOW),
    "process_claim": (Claim("1", ClaimKind.CANCEL, OrderStatus.CANCEL_REQUESTED, "", "1", "1"),
                      ClaimAction.APPROVE),
    "fetch_inquiries": (NOW - timedelta(hours=1), NOW), "answer_inquiry": ("1", "답변"),
    "fetch_notices": (),
}


def fast_http(**kwargs):
    return ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None, **kwargs)


def test_every_domain_channel_and_the_sandbox_have_an_adapter():
    assert DOMAIN_CHANNELS | {"sandbox"} <= set(ADAPTERS)


@pytest.mark.parametrize("code", sorted(ADAPTERS))
def test_adapter_describes_itself(code):
    cls = ADAPTERS[code]
    assert cls.code == code and cls.display_name and isinstance(cls.channel_type, ChannelType)
    assert cls.channel_type.label in ("오픈마켓", "종합몰", "해외몰")
    assert cls.credential_fields and any(f.secret for f in cls.credential_fields)
    assert all(f.label_ko for f in cls.credential_fields)
    assert cls.default_base_url.startswith("http") and len(cls.key_help_ko.splitlines()) >= 3
    assert cls.max_order_window > timedelta(0)


@pytest.mark.parametrize("code", sorted(ADAPTERS))
def test_capabilities_are_the_implemented_methods(code):
    cls = ADAPTERS[code]
    adapter = cls({f.name: "x" for f in cls.credential_fields}, base_url="http://127.0.0.1:9",
                  http=fast_http())
    for name in CAPABILITY_METHODS:
        overridden = getattr(cls, name) is not getattr(ChannelAdapter, name)
        flagged = getattr(getattr(cls, name), "__not_supported__", False)
        assert (name in cls.capabilities()) == (overridden and not flagged), name
        if name not in cls.capabilities():
            with pytest.raises(NotSupported) as err:
                getattr(adapter, name)(*CALLS[name])
            assert err.value.message_ko   # a Korean reason the seller can read


@pytest.mark.parametrize("code", sorted(ADAPTERS))
def test_demo_keys_connect_to_the_sandbox(sandbox_server, code):
    adapter = build_adapter(code, sandbox_server.credentials(code),
                            base_url=sandbox_server.base_url(code), http=fast_http())
    result = adapter.test_connection()
    assert result.ok and result.message_ko == "인증되었습니다"


ESM_DENIED = "ESM 인증에 실패했습니다 (The user does not have right access to the api)"
WRONG_KEY_REASON = {"naver": "요청을 보낼 권한이 없습니다.", "coupang": "Invalid signature.",
                    "11st": "유효하지 않은 OPEN API KEY 입니다.", "gmarket": ESM_DENIED,
                    "auction": ESM_DENIED, "qoo10jp": "Qoo10 인증에 실패했습니다 (存在しないAPIです。)",
                    "rakuten": "라쿠텐 RMS 인증에 실패했습니다. serviceSecret과 licenseKey(90일마다 "
                               "갱신)를 확인해 주세요. (Un-Authorised)",
                    "amazonjp": "Login with Amazon 인증에 실패했습니다. LWA 클라이언트 ID·보안 암호와 "
                                "리프레시 토큰을 확인해 주세요. (invalid_client)"}


@pytest.mark.parametrize("code", sorted(ADAPTERS))
def test_a_wrong_key_fails_with_the_channels_own_reason(sandbox_server, code):
    creds = sandbox_server.credentials(code)
    # The key the protocol authenticates with (generic adapters also hold an unused password).
    auth = getattr(ADAPTERS[code], "auth_fields", ()) or {"coupang": ("secret_key",)}.get(code, ())
    secret = auth[0] if auth else next(f.name for f in ADAPTERS[code].credential_fields if f.secret)
    if code == "naver":
        creds[secret] = "$2a$04$AAAAAAAAAAAAAAAAAAAAAu"     # a well-formed but wrong bcrypt salt
    else:
        creds[secret] = "wrong-" + creds[secret]
    adapter = build_adapter(code, creds, base_url=sandbox_server.base_url(code), http=fast_http())
    result = adapter.test_connection()
    assert not result.ok
    assert result.message_ko == WRONG_KEY_REASON.get(code, "API 키가 올바르지 않습니다.")


def test_general_malls_refuse_to_cancel_a_sale_in_korean():
    malls = [cls for cls in ADAPTERS.values() if cls.channel_type is ChannelType.GENERAL_MALL]
    assert {cls.code for cls in malls} == {"hmall", "cjmall", "lotte", "lottehomeshopping",
                                           "gsshop", "publichomeshopping"}
    for cls in malls:
        assert "cancel_sale" not in cls.capabilities()
        with pytest.raises(NotSupported, match="종합몰"):
            cls({"api_key": "k"}).cancel_sale([], "품절")


def test_rakuten_asks_for_service_secret_and_license_key():
    names = [f.name for f in ADAPTERS["rakuten"].credential_fields]
    assert "service_secret" in names and "license_key" in names


def test_unknown_channel_code_is_not_supported():
    with pytest.raises(NotSupported):
        build_adapter("nowhere", {})


def test_split_windows_cover_the_range_in_overlapping_pieces():
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    windows = split_windows(start, start + timedelta(hours=50), timedelta(hours=24),
                            timedelta(minutes=5))
    assert len(windows) == 3
    assert windows[0][0] == start and windows[-1][1] == start + timedelta(hours=50)
    assert all(end - begin <= timedelta(hours=24) for begin, end in windows)
    assert all(windows[i + 1][0] < windows[i][1] for i in range(len(windows) - 1))
    assert split_windows(start, start, timedelta(hours=1)) == []


def test_order_line_idempotency_key_is_channel_account_order_line():
    line = OrderLine("naver", "acct-1", "O1", "L1", "상품", 1)
    assert line.idempotency_key == ("naver", "acct-1", "O1", "L1")


PRODUCT_METHODS = {"update_listing", "resume_listing", "fetch_listing"}


@pytest.mark.parametrize("code", ["naver", "coupang", "11st", "sandbox", "interpark", "hmall"])
def test_protocol_adapters_update_resume_and_read_one_product(code):
    assert PRODUCT_METHODS <= ADAPTERS[code].capabilities()


def test_the_contract_names_update_resume_and_read_back():
    assert PRODUCT_METHODS <= set(CAPABILITY_METHODS)
    for name in PRODUCT_METHODS:
        with pytest.raises(NotSupported, match="제공하지 않습니다"):
            getattr(ChannelAdapter({}), name)(*CALLS[name])
