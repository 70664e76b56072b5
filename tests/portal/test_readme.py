"""The README tells a new user every option of `portal up` and what automatic collection needs."""
import os

import pytest

README = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "README.md")


@pytest.mark.parametrize("option", ["--port", "--sandbox-port", "--host"])
def test_every_portal_up_option_is_in_the_readme_and_in_help(app, option):
    help_text = app.test_cli_runner().invoke(args=["portal", "up", "--help"]).output
    assert option in help_text
    assert f"`{option} " in open(README, encoding="utf-8").read()


def test_readme_says_automatic_collection_needs_the_scheduler():
    text = " ".join(open(README, encoding="utf-8").read().split())
    assert "`flask --app wsgi portal scheduler`" in text
    assert "automatic order collection is off" in text
