"""How long a buyer has waited reads in the reader's language."""
from datetime import timedelta

from flask_babel import force_locale

from blueprints.inquiries.services.deadlines import elapsed_label
from models.base import utcnow


def test_the_waiting_time_reads_korean_by_default_and_english_for_an_english_reader(app):
    now = utcnow()
    asked = now - timedelta(days=2, hours=4, minutes=5)
    assert elapsed_label(asked, now) == "2일 4시간"
    assert elapsed_label(now - timedelta(minutes=200), now) == "3시간 20분"
    with force_locale("en"):
        assert elapsed_label(asked, now) == "2d 4h"
        assert elapsed_label(now - timedelta(minutes=200), now) == "3h 20m"
        assert elapsed_label(now - timedelta(minutes=7), now) == "7m"
