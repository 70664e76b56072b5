"""The column-wise screen of an uploaded chunk agrees with rules.check, order by order, on every kind of cell."""
import itertools
import random

from blueprints.fulfilment.columns import screen
from blueprints.fulfilment.rules import Invalid, check

KEYS = ("country", "product_url", "order_no", "recipient_name", "recipient_phone", "zip_code", "address",
        "address_detail", "message", "sku", "quantity", "order_amount", "paid_amount", "total_paid")
CELLS = {
    "country": ["", "KR", "kr", "JP", "jp", "JPN", "1A", "us"],
    "product_url": ["", "https://item.rakuten.co.jp/shop/1", "u" * 600],
    "order_no": ["", "N-1", "가" * 60, "가" * 61],
    "recipient_name": ["", "김수취", "가" * 20, "가" * 21],
    "recipient_phone": ["", "010-1234-5678", "+81(3)1234-5678", "010.1234.5678", "0" * 15, "0" * 16],
    "zip_code": ["", "07583", "1" * 12],
    "address": ["", "서울특별시 중구 세종대로 110", "주" * 301],
    "address_detail": ["", "101호", "상" * 201],
    "message": ["", "문 앞", "메" * 301],
    "sku": ["", "SKU-A", "S" * 230],
    "quantity": [1.0, 3, 0.5, 1.5, 0, -1, 1_000_000.0, 1_000_000.5, 1_000_001, "2", "1,000", "", None, True, "x",
                 float("nan")],
    "order_amount": [19900.0, "", None, "19,900", "7", -0.5, -1, 0, "만원", 2 ** 31 - 1, 2 ** 31, 3e9, False],
    "paid_amount": ["", 1000.0],
    "total_paid": ["", 1000.0, -5],
}


def _expected(platform, brand, rows):
    first = rows[0]
    try:
        return check(platform, brand, *(first[k] for k in KEYS[:9]), first["order_amount"], first["paid_amount"],
                     first["total_paid"], [(r["sku"], r["quantity"]) for r in rows])
    except Invalid as refused:
        return str(refused)


def _screened(platform, brand, orders):
    rows = [r for order in orders for r in order]
    starts = list(itertools.accumulate([0] + [len(o) for o in orders[:-1]]))
    columns = {k: [r[k] for r in rows] for k in KEYS}
    good, bad = screen(columns, starts, len(rows), platform, brand)
    out = {s: (values, lines) for s, _, values, lines in good}
    out.update({s: reason for s, _, reason in bad})
    return [out[s] for s in starts]


def _row(rnd, base):
    row = dict(base)
    for key in rnd.sample(KEYS, rnd.randint(0, 3)):
        row[key] = rnd.choice(CELLS[key])
    return row


BASE = {"country": "", "product_url": "", "order_no": "N-1", "recipient_name": "김수취",
        "recipient_phone": "010-1234-5678", "zip_code": "07583", "address": "서울특별시 중구 세종대로 110",
        "address_detail": "", "message": "", "sku": "SKU-A", "quantity": 1.0, "order_amount": 19900.0,
        "paid_amount": "", "total_paid": ""}


def test_screen_and_check_agree_on_random_sheets():
    rnd = random.Random(20261201)
    for _ in range(300):
        orders = [[_row(rnd, BASE) for _ in range(rnd.choice((1, 1, 1, 2, 3)))] for _ in range(rnd.randint(1, 12))]
        platform = rnd.choice(("네이버", "네이버", "몰" * 60, ""))
        assert _screened(platform.strip()[:50], "", orders) == [_expected(platform, "", o) for o in orders]


def test_a_clean_sheet_takes_the_fast_path_with_the_same_values():
    orders = [[dict(BASE, order_no=f"N-{i}", quantity=float(1 + i % 3))] for i in range(50)]
    screened = _screened("네이버", "브랜드", orders)
    assert screened == [_expected("네이버", "브랜드", o) for o in orders]
    assert screened[0] == (("네이버", "N-0", "브랜드", "KR", "", "김수취", "010-1234-5678", "07583",
                            "서울특별시 중구 세종대로 110", "", "", 19900, None, None), [("SKU-A", 1)])
