"""ChannelAdapter.line_failure: a refused write is the line's failure; a key problem stops the whole call."""
import pytest

from portal.marketplaces import (
    AmbiguousError, AuthError, ChannelAdapter, Outcome, PermanentError, RetryableError,
)


@pytest.mark.parametrize("error, outcome", [(PermanentError("수량이 올바르지 않습니다."), Outcome.REJECTED),
                                            (RetryableError("잠시 후 다시 시도해 주세요."), Outcome.RETRYABLE),
                                            (AmbiguousError("응답을 받지 못했습니다."), Outcome.AMBIGUOUS)])
def test_a_refusal_is_the_failure_of_its_line(error, outcome):
    line = ChannelAdapter.line_failure(error, "O-1", "L-1")
    assert (line.outcome, line.message, line.channel_order_id, line.channel_line_id) == (
        outcome, error.message_ko, "O-1", "L-1")


def test_a_key_problem_is_raised_for_the_job_to_stop_on():
    with pytest.raises(AuthError):
        ChannelAdapter.line_failure(AuthError("인증키가 만료되었습니다."), key="P-1")


def _wrong_key(sandbox, code, **wrong):
    from portal.marketplaces import build_adapter
    from tests.marketplaces.fixture_channel import fast_http

    return build_adapter(code, {**sandbox.credentials(code), **wrong}, base_url=sandbox.base_url(code),
                         http=fast_http())


def test_a_revoked_key_stops_the_sandbox_channels_write_instead_of_failing_each_line(fresh_sandbox):
    """인터파크 (the sandbox protocol) 발주확인 with a key the channel no longer knows: the job stops on the
    account's key problem instead of reporting every line as refused."""
    from portal.marketplaces import OrderLine

    adapter = _wrong_key(fresh_sandbox, "interpark", api_key="revoked-key")
    lines = [OrderLine("interpark", "", "O-1", line, "상품", 1, 1000) for line in ("L-1", "L-2")]
    with pytest.raises(AuthError):
        adapter.confirm_orders(lines)


def test_a_revoked_key_stops_coupangs_sale_stop_instead_of_failing_each_product(fresh_sandbox):
    adapter = _wrong_key(fresh_sandbox, "coupang", secret_key="0" * 40)
    with pytest.raises(AuthError):
        adapter.end_listing(["1001", "1002"])
