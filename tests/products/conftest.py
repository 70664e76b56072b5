"""Product fixtures: a complete 상품등록 form as a seller would fill it, and a stored product."""
import io

import pytest
from PIL import Image

from models import Product

CATEGORY = "090104"  # 스포츠/레저/취미 > 스포츠용품 > 자전거용품
SPORTS_NOTICE = {f"notice_f{i}": v for i, v in enumerate(
    ["알톤 파올라 미니벨로 자전거", "380mm/11.3kg", "핑크, 블루 2종", "하이텐강", "자전거 단품",
     "2017년 4월", "(주)바니걸", "중국", "보급형 알루미늄 일부 포함됨",
     "프레임 1년, 부품 6개월(브레이크 제외)", "박유정/02-6678-3803"], 1)}


def product_form(**overrides) -> dict:
    data = {
        "name": "알톤 미니벨로 자전거", "status": "on", "category_code": CATEGORY,
        "own_code": "", "model_name": "파올라", "model_no": "AT-100", "maker": "가나다상회",
        "brand": "가나다상회", "made_on": "", "expires_on": "", "origin_type": "none",
        "origin_detail": "", "notice_group": "sports", **SPORTS_NOTICE,
        "keywords": "알톤 자전거 미니벨로", "description": "<p>가벼운 미니벨로</p>",
        "rep_price": "135000", "tax_type": "taxable", "sale_region": "all", "stock": "7",
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def with_options(data: dict, names=("색상", "조립"), values=("핑크,블루", "미조립,조립"),
                 extras=None) -> dict:
    rows = []
    import itertools

    for combo in itertools.product(*[v.split(",") for v in values]):
        rows.append("/".join(combo))
    extras = extras or ["0"] * len(rows)
    data.update({"use_options": "y", "opt_name": list(names), "opt_values": list(values),
                 "row_values": rows, "row_extra_sign": ["+"] * len(rows), "row_extra": extras,
                 "row_status": ["on"] * len(rows), "row_stock": ["10"] * len(rows)})
    return data


def jpeg(name="bike1.jpg", size=(400, 300), quality=90, fmt="JPEG"):
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, fmt, quality=quality)
    buf.seek(0)
    return (buf, name)


@pytest.fixture
def register(client, auth, seller):
    """POST the 상품등록 form as seller A's master and return the response."""
    auth.login()

    def post(data=None, **kwargs):
        return client.post("/products/register", data=data or product_form(),
                           content_type="multipart/form-data", **kwargs)

    return post


@pytest.fixture
def product(register):
    resp = register(with_options(product_form(own_code="BIKE01")))
    assert resp.status_code == 302, resp.get_data(as_text=True)[:3000]
    return Product.query.filter_by(own_code="BIKE01").one()


def errors_of(resp) -> list[str]:
    """The Korean messages the page shows beside the fields."""
    import html
    import re

    return [html.unescape(m) for m in
            re.findall(r'<p class="error" data-field="[^"]*">([^<]*)</p>', resp.get_data(as_text=True))]
