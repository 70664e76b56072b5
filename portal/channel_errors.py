"""Marketplace errors: the ChannelError hierarchy and how a failed write reads per line."""
from __future__ import annotations

from flask_babel import gettext as _

from portal.channel_types import Outcome


class ChannelError(Exception):
    """A channel answered with an error (or did not answer). message_ko is shown to sellers."""

    def __init__(self, message_ko: str, code: str = "", *, http_status: int | None = None):
        super().__init__(message_ko)
        self.message_ko = message_ko
        self.code = code
        self.http_status = http_status


class AuthError(ChannelError):
    """Keys are wrong, expired, or the calling IP/app lacks permission."""


class RetryableError(ChannelError):
    """Transient: the same call may succeed later (5xx before processing, connection refused)."""


class RateLimited(RetryableError):
    def __init__(self, message_ko: str, code: str = "", *, retry_after: float | None = None,
                 http_status: int | None = 429):
        super().__init__(message_ko, code, http_status=http_status)
        self.retry_after = retry_after


class AmbiguousError(RetryableError):
    """The request was sent but the answer was lost; the channel may have applied it."""


class PermanentError(ChannelError):
    """The channel refused the request; resending the same request will fail the same way."""


class NotSupported(ChannelError):
    def __init__(self, message_ko: str | None = None, code: str = ""):
        super().__init__(message_ko or _("이 제휴몰은 해당 기능을 제공하지 않습니다."), code)


def outcome_for_error(exc: ChannelError) -> Outcome:
    """How a failed write call reads per line: lost answer, try later, or refused."""
    if isinstance(exc, AmbiguousError):
        return Outcome.AMBIGUOUS
    if isinstance(exc, RetryableError):
        return Outcome.RETRYABLE
    return Outcome.REJECTED
