"""An adapter's own refusals and results read in the language of whoever started the work."""
import pytest
from flask_babel import force_locale

from portal.marketplaces import NotSupported, discover_adapters, listing_settings_message

GENERAL_MALL_EN = ("Sale cancellations cannot be sent to a general mall from the portal. "
                   "Please cancel on the marketplace's seller screen.")


def _refusal(cls) -> str:
    with pytest.raises(NotSupported) as refused:
        cls.cancel_sale(None, [], "품절")
    return refused.value.message_ko


def test_a_general_malls_sale_cancel_refusal_reads_english_for_an_english_reader(app):
    hmall = discover_adapters()["hmall"]
    with app.test_request_context(), force_locale("en"):
        assert _refusal(hmall) == GENERAL_MALL_EN
    with app.test_request_context():
        assert _refusal(hmall).startswith("종합몰은 포털에서 판매취소를 연동할 수 없습니다.")


def test_a_missing_capability_and_missing_settings_name_the_channel_in_english(app):
    coupang, gmarket = discover_adapters()["coupang"], discover_adapters()["gmarket"]
    with app.test_request_context(), force_locale("en"):
        with pytest.raises(NotSupported) as refused:
            coupang.fetch_notices(None, None, None)
        assert refused.value.message_ko == "The Coupang Open API offers no seller notice lookup."
        unconnected = coupang.__new__(coupang)  # the class words only: no credentials needed
        assert unconnected.dispatch_delay_gap_ko().startswith("The Coupang Open API has no")
        text = listing_settings_message(gmarket.display_name, ["출하지 번호"])
        assert "account details needed to link products are missing" in text and "출하지" not in text
