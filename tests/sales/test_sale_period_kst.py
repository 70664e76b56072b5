"""판매기간 starts on the Korean calendar day, whatever the server's zone (UTC 20:00 is the next day in Korea)."""
from datetime import date, datetime, timezone

import models.base

from .conftest import link, listing_of, make_product, make_template, request_link


class LateEvening(datetime):
    @classmethod
    def now(cls, tz=None):
        at = datetime(2026, 12, 4, 20, 30, tzinfo=timezone.utc)  # 2026-12-05 05:30 in Korea
        return at.astimezone(tz) if tz else at.replace(tzinfo=None)


def test_sale_period_starts_on_the_korean_day(client, world, monkeypatch):
    tenant, interpark = world["tenant"], world["interpark"]
    product = make_product(tenant)
    listing = request_link(client, product, make_template(tenant, interpark, sale_days=30))
    monkeypatch.setattr(models.base, "datetime", LateEvening)
    link(client, [listing])
    listing = listing_of(product, interpark)
    assert listing.status == "live"
    assert listing.sale_start == date(2026, 12, 5) and listing.sale_end == date(2027, 1, 4)
