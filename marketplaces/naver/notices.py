"""스마트스토어 상품정보제공고시 (productInfoProvidedNotice): the notice type of the product's 품목고시 group
and each documented field of that type, filled from the product's answers by label.

Source: create-product (myso-kr/naver-commerce-api-docs-cli docs/api/v2/products.POST.md), the
`productInfoProvidedNotice` block: `productInfoProvidedNoticeType` names the type and the block of the same
name (WEAR → wear, FASHION_ITEMS → fashionItems …) carries its fields (notice_types.TYPES).
"""
from __future__ import annotations

from portal.i18n import ko
from portal.channel_meta import answer_for

from .notice_types import TYPES

# "미입력 시 상품상세 참조로 입력됩니다": the five 청약철회 clauses of every type, "1" = 상품상세 참조.
CLAUSES = ("returnCostReason", "noRefundReason", "qualityAssuranceStandard", "compensationProcedure",
           "troubleShootingContents")
SEE_DETAIL = "상세페이지 참조"
OTHER = "기타 재화"
# Our 품목고시 labels where the document's label reads differently (the rest match by label).
ALIASES = {"모델명": ("품명 및 모델명",), "품명": ("품명 및 모델명", "품명 및 용도"),
           "KC 인증정보": ("KC 인증 필 유무",), "발길이": ("치수",), "제품의 주 소재": ("제품 주소재",),
           "동일 모델 출시연월 직접 입력": ("동일모델의 출시년월",),
           "동일 모델 출시연월일 직접 입력": ("동일모델의 출시년월",),
           "제조연월 직접 입력": ("제조연월",),
           "소비자 상담 관련 전화번호": ("소비자상담 관련 전화번호",
                                     "A/S 책임자와 전화번호 또는 소비자상담 관련 전화번호"),
           "A/S 책임자": ("A/S 책임자와 전화번호 또는 소비자상담 관련 전화번호",),
           "법에 의한 인증, 허가 등을 받았음을 확인할 수 있는 경우 그에 대한 사항":
               ("법에 의한 인증·허가 등을 받았음을 확인할 수 있는 경우 그에 대한 사항",),
           "생산자": ("생산자 및 소재지",), "소재지": ("생산자 및 소재지",),
           "제조업소": ("제조업소의 명칭과 소재지",)}

# Words of an answer saying a yes/no 고시 item does not apply, matched as the seller typed them.
NOT_APPLICABLE = ko("해당없"), ko("해당사항없"), ko("아님"), ko("없음"), ko("상세"), ko("참조")


def notice_type(group: str) -> tuple[str, str, tuple]:
    """(type, block, fields) for a portal 품목고시 group name; any other group goes as 기타 재화 (ETC)."""
    return TYPES.get(group) or TYPES[OTHER]


def _answer(label: str, fields: dict[str, str]) -> str:
    found = answer_for(label, fields)
    for alias in ALIASES.get(label, ()):
        found = found or fields.get(alias, "")
    return str(found or "").strip()


def _yes(answer: str) -> bool:
    """A boolean field (유전자변형 표시): true only when the answer says it applies."""
    text = answer.replace(" ", "")
    return bool(text) and not any(w in text for w in NOT_APPLICABLE)


def provided_notice(notice: dict, name: str, model: str, phone: str) -> dict:
    """productInfoProvidedNotice for the listing's 품목고시 ({"group", "fields": {label: answer}}).

    Every field of the type goes with the seller's answer, a required one without an answer as 상세페이지 참조
    (the phone fields as the account's A/S number); the clauses go as "1" (상품상세 참조)."""
    kind, block, spec = notice_type((notice or {}).get("group") or "")
    given = dict((notice or {}).get("fields") or {})
    body: dict = {c: "1" for c in CLAUSES}
    for field, label, required, value_kind in spec:
        answer = _answer(label, given)
        if value_kind == "bool":
            body[field] = _yes(answer)
            continue
        if not answer and field in ("customerServicePhoneNumber", "afterServiceDirector") and phone:
            answer = phone
        if not answer and field == "itemName":
            answer = name
        if not answer and field == "modelName":
            answer = model
        if answer or required:
            body[field] = (answer or SEE_DETAIL)[:200]
    return {"productInfoProvidedNoticeType": kind, block: body}
