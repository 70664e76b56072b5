"""창고관리 services: the shared refusal, the warehouses we run and the request numbers."""
import secrets
from datetime import datetime, timedelta, timezone

from flask_babel import lazy_gettext as _l

KST = timezone(timedelta(hours=9))

# 입고창고 / 출고창고: the Rocket3PL warehouses, code → the name the manual shows.
WAREHOUSES = {"ICN": "仁川倉", "PTK": "平泽倉"}
CURRENCIES = ("USD", "CNY", "KRW")
TRANSPORTS = {"parcel": _l("택배"), "milkrun": _l("밀크런")}


class RuleViolation(Exception):
    """A refused action, in the words the page shows."""


class FieldErrors(RuleViolation):
    """Several refusals at once: {(row index, field name): message}; nothing was saved."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(str(m) for m in errors.values()))
        self.errors = errors


def warehouse_name(code: str) -> str:
    return WAREHOUSES.get(code, code)


def kst_now() -> datetime:
    return datetime.now(KST)


def new_number(prefix: str, digits: int = 6) -> str:
    """입고신청번호 IN…, 출고번호 EO… (as in the manual's EO655500308056), 발주번호 PO…."""
    return f"{prefix}{kst_now():%y%m%d}{secrets.randbelow(10 ** digits):0{digits}d}"
