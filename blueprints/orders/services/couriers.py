"""택배사 목록 (data/couriers.json) and the tracking-number format of each courier."""
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import gettext as _

from . import RuleViolation

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "couriers.json")


@dataclass(frozen=True)
class Courier:
    code: str
    name: str
    pattern: str
    rule: str


@lru_cache(maxsize=1)
def couriers() -> tuple[Courier, ...]:
    with open(DATA, encoding="utf-8") as fh:
        return tuple(Courier(**row) for row in json.load(fh)["couriers"])


def by_code(code: str) -> Courier | None:
    return next((c for c in couriers() if c.code == code), None)


def find(text: str) -> Courier | None:
    """A courier by its code or its Korean name, as a seller types it into an Excel sheet."""
    text = (text or "").strip()
    return next((c for c in couriers() if text in (c.code, c.name) or text.upper() == c.code), None)


def name_of(code: str) -> str:
    courier = by_code(code)
    return courier.name if courier else code


def normalized(number: str) -> str:
    return re.sub(r"[\s-]", "", number or "").upper()


def check(courier_text: str, number: str) -> tuple[Courier, str]:
    """Validate one invoice; returns the courier and the number as it will be sent."""
    courier = find(courier_text)
    if courier is None:
        raise RuleViolation(_("택배사를 선택해 주세요.") if not (courier_text or "").strip()
                            else _("알 수 없는 택배사입니다: %(courier)s", courier=courier_text))
    clean = normalized(number)
    if not clean:
        raise RuleViolation(_("송장번호를 입력해 주세요."))
    if not re.fullmatch(courier.pattern, clean):
        raise RuleViolation(_("%(name)s 송장번호는 %(rule)s입니다. 입력한 번호: %(number)s",
                              name=courier.name, rule=courier.rule, number=number))
    return courier, clean
