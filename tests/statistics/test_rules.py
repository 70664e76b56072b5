"""Small rules of 통계관리: periods and their comparison, regions, manual-order shares, other currencies."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from blueprints.statistics.facts import Fact, share
from blueprints.statistics.figures import Figures
from blueprints.statistics.periods import PeriodError, period_from
from blueprints.statistics.regions import region_of

TODAY = date(2026, 3, 15)


@pytest.mark.parametrize("preset, start, end, prev_start, prev_end", [
    ("today", "2026-03-15", "2026-03-15", "2026-03-14", "2026-03-14"),
    ("yesterday", "2026-03-14", "2026-03-14", "2026-03-13", "2026-03-13"),
    ("7d", "2026-03-09", "2026-03-15", "2026-03-02", "2026-03-08"),
    ("30d", "2026-02-14", "2026-03-15", "2026-01-15", "2026-02-13"),
    ("this_month", "2026-03-01", "2026-03-15", "2026-02-01", "2026-02-15"),
    ("last_month", "2026-02-01", "2026-02-28", "2026-01-01", "2026-01-31"),
])
def test_presets_and_the_period_before(preset, start, end, prev_start, prev_end):
    period = period_from(MultiDict({"period": preset}), today=TODAY)
    previous = period.previous()
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert (previous.start.isoformat(), previous.end.isoformat()) == (prev_start, prev_end)


def test_custom_period_is_checked_with_a_korean_message():
    with pytest.raises(PeriodError, match="시작일이 종료일보다 늦습니다"):
        period_from(MultiDict({"period": "custom", "from": "2026-03-10", "to": "2026-03-01"}), today=TODAY)
    with pytest.raises(PeriodError, match="YYYY-MM-DD"):
        period_from(MultiDict({"period": "custom", "from": "3월 1일", "to": "2026-03-01"}), today=TODAY)
    with pytest.raises(PeriodError, match="최대 366일"):
        period_from(MultiDict({"period": "custom", "from": "2024-01-01", "to": "2026-03-01"}), today=TODAY)


@pytest.mark.parametrize("address, region", [
    ("서울특별시 강남구 테헤란로 1", ("서울특별시", "강남구")), ("서울 강남구 역삼동", ("서울특별시", "강남구")),
    ("경기 성남시 분당구 판교역로 3", ("경기도", "성남시")), ("강원도 춘천시 중앙로 1", ("강원특별자치도", "춘천시")),
    ("전라북도 전주시 완산구", ("전북특별자치도", "전주시")), ("세종특별자치시 한누리대로 2130", ("세종특별자치시", "세종특별자치시")),
    ("東京都千代田区千代田1-1", ("해외/기타", "해외/기타")), ("", ("해외/기타", "해외/기타")),
])
def test_regions_from_addresses(address, region):
    assert region_of(address) == region


def test_manual_amount_shares_add_up_to_the_won():
    assert share(10001, [1, 1, 1]) == [3335, 3333, 3333]
    assert sum(share(45001, [2, 3, 7])) == 45001
    assert share(5000, [0, 0]) == [5000, 0]


def fact(kind, currency, amount, order="o1"):
    return Fact(kind, TODAY, currency, "1", order, None, "상품", "", "", "", "", 1, amount)


def test_other_currencies_are_never_added_to_won():
    f = Figures()
    for x in (fact("sale", "KRW", 10000), fact("sale", "JPY", 1200, "o2"), fact("refund", "JPY", 300, "o2"),
              fact("sale", "USD", 15, "o3")):
        f.add(x)
    assert (f.sales, f.refunds, f.net, f.order_count) == (10000, 0, 10000, 3)
    assert f.foreign_text == "JPY 1,200 (취소/반품 300), USD 15"
    assert f.per_order == 10000  # 객단가 in won over the orders paid in won
