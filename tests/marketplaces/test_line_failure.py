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
