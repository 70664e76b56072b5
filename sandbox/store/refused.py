"""The sandbox's domain refusal: Refused, raised when a marketplace rule refuses an action."""
from __future__ import annotations


class Refused(Exception):
    """A domain rule refused the action; `reason` is the Korean text the channel would show."""

    def __init__(self, reason: str, code: str = "INVALID_STATUS", already: bool = False):
        super().__init__(reason)
        self.reason, self.code, self.already = reason, code, already
