"""Category meta: what a channel asks of a product in one category (notice categories with their details,
attributes), and how the portal's 품목고시 labels meet the channel's names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.i18n import ko

OTHER_GOODS = ko("기타 재화")  # the 품목고시 group name the channels match


@dataclass
class Attribute:
    name: str
    required: bool
    data_type: str = "STRING"
    unit: str = ""
    units: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # inputType SELECT: one of these exactly


@dataclass
class CategoryMeta:
    """What one display category asks of a product: notice categories (details with required) and attributes."""

    notice_categories: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    attributes: list[Attribute] = field(default_factory=list)

    @property
    def required_attributes(self) -> list[Attribute]:
        return [a for a in self.attributes if a.required]

    def as_dict(self) -> dict:
        return {"notice_categories": {k: [[d, r] for d, r in v] for k, v in self.notice_categories.items()},
                "attributes": [vars(a) for a in self.attributes]}

    @classmethod
    def from_dict(cls, data: dict) -> "CategoryMeta":
        return cls({k: [(d, bool(r)) for d, r in v] for k, v in (data.get("notice_categories") or {}).items()},
                   [Attribute(**a) for a in data.get("attributes") or []])


def _key(label: str) -> str:
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]", "", (label or "").lower())


def choose_category(found: CategoryMeta, wanted: str) -> str:
    """The notice category for a product group: the same name, else one naming it, else 기타 재화."""
    names = list(found.notice_categories)
    if not names:
        return ""
    if wanted in found.notice_categories:
        return wanted
    key = _key(wanted)
    close = [n for n in names if key and (key in _key(n) or _key(n) in key)]
    if close:
        return close[0]
    return OTHER_GOODS if OTHER_GOODS in found.notice_categories else names[0]


def answer_for(detail: str, fields: dict[str, str]) -> str:
    """The seller's answer for a Coupang detail name: the same label, else one starting with the other
    (the words before a parenthesis count too: 제조국(원산지) takes 제조국 또는 원산지)."""
    if fields.get(detail):
        return fields[detail]
    keys = {k for k in (_key(detail), _key(detail.split("(")[0])) if len(k) >= 2}
    for label, value in fields.items():
        other = _key(label)
        if value and other and any(k.startswith(other) or other.startswith(k) for k in keys):
            return value
    return ""
