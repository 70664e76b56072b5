"""11번가 상품정보제공고시 (`<ProductNotification>` of apiSeq 1003): the type code of the product's 품목고시 group
and every item of that type, filled from the product's answers by label, else 상세페이지 참조."""
from __future__ import annotations

from xml.sax.saxutils import escape

from portal.channel_meta import OTHER_GOODS, answer_for

from .notice_types import TYPES

SEE_DETAIL = "상세페이지 참조"
PHONE_ITEMS = {"23760437", "23760413", "23756754"}   # A/S 책임자 / 소비자상담 전화번호
NAME_ITEM = "11800"                                   # 품명 및 모델명


def notice_type(group: str) -> tuple[str, tuple]:
    """(type code, items) for a portal 품목고시 group; a group without a known item list goes as 기타 재화."""
    return TYPES.get(group) or TYPES[OTHER_GOODS]


def notification_items(notice: dict, name: str, phone: str) -> tuple[str, list[tuple[str, str]]]:
    """(type, [(item code, value)]): every item of the type, each once, in the table's order."""
    kind, items = notice_type((notice or {}).get("group") or "")
    given = dict((notice or {}).get("fields") or {})
    out, seen = [], set()
    for code, label in items:
        if code in seen:
            continue
        seen.add(code)
        value = str(answer_for(label, given) or "").strip()
        if not value and code in PHONE_ITEMS:
            value = phone
        if not value and code == NAME_ITEM:
            value = name
        out.append((code, (value or SEE_DETAIL)[:200]))
    return kind, out


def notification_xml(notice: dict, name: str, phone: str) -> str:
    kind, items = notification_items(notice, name, phone)
    return (f"<ProductNotification><type>{kind}</type>"
            + "".join(f"<item><code>{code}</code><name>{escape(value)}</name></item>" for code, value in items)
            + "</ProductNotification>")

