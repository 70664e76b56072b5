"""Fixtures of the adapter tests: a channel answering from documented examples over HTTP."""
import pytest

from tests.marketplaces.fixture_channel import serve


@pytest.fixture()
def channel():
    fixture_channel, stop = serve()
    yield fixture_channel
    stop()
