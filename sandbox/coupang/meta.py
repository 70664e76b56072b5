"""Coupang sandbox category meta (카테고리 메타정보 조회) and the 상품고시정보/속성 rules of 상품 생성·수정.

Shapes and error texts are those of articles 360034035713 (meta) and 360034156073 (상품 수정 error spec).
Which notice categories and attributes a sandbox category asks for is the sandbox's own choice: every
category offers the documented 기타 재화 and 화장품 details; 남성의류 (1020) also requires the attribute
사이즈 (a SELECT), so a registration without it is refused as Coupang refuses one.
"""
from __future__ import annotations

from flask import g

from ..common import store
from .auth import SELLER, bp, error
from .products import seller_ok

# noticeCategoryDetailNames of the documents' examples (meta: 기타 재화; 상품 수정 request: 화장품).
NOTICE_CATEGORIES = {
    "기타 재화": ["품명 및 모델명", "인증사항", "제조국(원산지)", "제조자(수입자)", "소비자상담 관련 전화번호"],
    "화장품": ["용량(중량)", "제품 주요 사양", "사용기한 또는 개봉 후 사용기간", "사용방법",
            "제조업자 및 제조판매업자", "제조국", "화장품법에 따라 기재, 표시하여야 하는 모든 성분",
            "식품의약품안전처 심사 필 유무", "사용할 때 주의사항", "품질보증기준", "소비자상담관련 전화번호"],
}
UNITS = ["개", "개입", "매", "팩", "입", "장", "병", "box", "Ea", "세트"]
ATTRIBUTES = [
    {"attributeTypeName": "수량", "dataType": "NUMBER", "basicUnit": "개", "usableUnits": UNITS,
     "required": "OPTIONAL", "groupNumber": "NONE", "exposed": "EXPOSED", "inputType": "INPUT"},
    {"attributeTypeName": "색상", "dataType": "STRING", "basicUnit": "없음", "usableUnits": [],
     "required": "OPTIONAL", "groupNumber": "NONE", "exposed": "EXPOSED", "inputType": "INPUT"},
]
REQUIRED_BY_CATEGORY = {"1020": [
    {"attributeTypeName": "사이즈", "dataType": "STRING", "basicUnit": "없음", "usableUnits": [],
     "required": "MANDATORY", "groupNumber": "NONE", "exposed": "EXPOSED", "inputType": "SELECT",
     "inputValues": ["S", "M", "L", "XL", "FREE"]}]}


def category_meta(code: str) -> dict:
    return {"isAllowSingleItem": True,
            "attributes": ATTRIBUTES + REQUIRED_BY_CATEGORY.get(code, []),
            "noticeCategories": [{"noticeCategoryName": name, "noticeCategoryDetailNames": [
                {"noticeCategoryDetailName": d, "required": "MANDATORY"} for d in details]}
                for name, details in NOTICE_CATEGORIES.items()],
            "requiredDocumentNames": [{"templateName": "기타인증서류", "required": "OPTIONAL"}],
            "certifications": [{"certificationType": "NOT_REQUIRED", "name": "인증대상아님",
                                "dataType": "NONE", "required": "OPTIONAL"}],
            "allowedOfferConditions": ["NEW"]}


@bp.get(f"{SELLER}/meta/category-related-metas/display-category-codes/<code>")
def category_related_metas(code):
    if not code.isdigit():
        return error(400, "ERROR", "전시카테고리코드는 숫자형으로 입력해주세요.")
    if store().one("select 1 from categories where shop_id=? and cat_id=?", (g.shop["id"], code)) is None:
        return error(400, "ERROR", "관리카테고리를 찾을 수 없는 노출카테고리코드 입니다. "
                                   "담당MD에게 확인하고 유효한 노출카테고리를 입력해주세요.")
    return seller_ok(category_meta(code))


def refusal(body: dict) -> str:
    """The documented 400 text for an item whose notices or attributes the category does not accept, else ""."""
    code = str(body.get("displayCategoryCode") or "")
    found = category_meta(code)
    attributes = {a["attributeTypeName"]: a for a in found["attributes"]}
    for item in body.get("items") or []:
        notices = item.get("notices") or []
        names = {n.get("noticeCategoryName") for n in notices}
        if not notices or len(names) != 1 or next(iter(names)) not in NOTICE_CATEGORIES:
            # No notice category of this display category: named as its first required detail.
            category = next(iter(names)) if len(names) == 1 else "기타 재화"
            detail = (notices[0].get("noticeCategoryDetailName") if notices
                      else NOTICE_CATEGORIES["기타 재화"][0])
            return f"입력된 상품필수 고지정보[{detail}]가 카테고리[{category}]에서 제공하는 것과 다릅니다."
        category = next(iter(names))
        given = {n.get("noticeCategoryDetailName"): n.get("content") for n in notices}
        for detail in NOTICE_CATEGORIES[category]:
            if not str(given.get(detail) or "").strip():
                return f"입력된 상품필수 고지정보[{detail}]가 카테고리[{category}]에서 제공하는 것과 다릅니다."
        values = {a.get("attributeTypeName"): a.get("attributeValueName") for a in item.get("attributes") or []}
        for name, attr in attributes.items():
            if attr["required"] == "MANDATORY" and not str(values.get(name) or "").strip():
                return "카테고리의 필수 속성이 존재하지 않습니다."
            if attr.get("inputType") == "SELECT" and name in values and values[name] not in attr["inputValues"]:
                return "유효하지 않은 구매 옵션 값 혹은 단위가 존재합니다. Invalid Attribute Value(s)"
    return ""
