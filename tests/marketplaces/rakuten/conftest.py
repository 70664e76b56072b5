"""The 라쿠텐 adapter on the sandbox over HTTP, with no pacing, recording every call it makes."""
import pytest

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import build_adapter


@pytest.fixture()
def rms(fresh_sandbox, request):
    records = []
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None,
                       on_call=records.append)
    adapter = build_adapter("rakuten", fresh_sandbox.credentials("rakuten"),
                            base_url=fresh_sandbox.base_url("rakuten"), http=http,
                            account_key=f"test-rakuten-{request.module.__name__.rsplit('.', 1)[-1]}")
    adapter.records = records
    return adapter
