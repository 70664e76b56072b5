"""배송상태 코드 rules: which code may follow which, the 배송현황 tiles and the aging buckets.

The codes and their Korean words live with the model (models.shipment.STATUSES, the forwarder's KSE API
배송상태코드): A00 접수 → A10 미입고 / A02 보류 → A99 입고 → B00 출고완료 → B11 출발 → B99 도착 → C11 통관중
→ C90 통관완료 → D00 배송사인계 → D11 배송중 → D99 배송완료, with E00 배송미완료, E01 배송불가 and X99 폐기.
"""
from flask import has_request_context
from flask_babel import gettext, lazy_gettext as _l

from models.shipment import STATUSES

DELIVERED, DISPOSED = "D99", "X99"
FINAL = (DELIVERED, DISPOSED)  # nothing happens to the box after these
AGING_DAYS = (3, 5, 7, 10, 15)
# 배송현황 tiles (the manual's page): every state a box may wait in, with the tile's own words.
TILES = (("A02", _l("보류")), ("A10", _l("미입고")), ("A99", _l("미출고")), ("X99", _l("폐기")),
         ("B99", _l("미통관")), ("C90", _l("통관완료")), ("D00", _l("배송중(배송사인계)")),
         ("D11", _l("배송중(미출고/일부영업소보관)")), ("E00", _l("배송미완료")), ("E01", _l("배송불가(수취거부/반품)")))

# Forward moves are allowed, skipping codes (a scan missed at the warehouse shows up at departure); going
# back only where the forwarder documents it (a hold released, a failed delivery retried), and 폐기 may end
# any open state.
_ORDER = {code: i for i, code in enumerate(("A00", "A10", "A02", "A99", "B00", "B11", "B99", "C11", "C90",
                                           "D00", "D11", "E00", "E01", "D99"))}
_BACK = {("A02", "A00"), ("A02", "A10"), ("A99", "A02"), ("E00", "D11"), ("E00", "D00"), ("E01", "D11")}


def label(code: str) -> str:
    """The code's Korean word in the user's language (the words are in the translation catalogue); Korean
    outside a request (jobs)."""
    if code not in STATUSES:
        return code
    return gettext(STATUSES[code]) if has_request_context() else STATUSES[code]


def may_move(current: str, new: str) -> bool:
    """Whether `new` may follow `current`."""
    if new not in STATUSES or current in FINAL or new == current:
        return False
    if new == DISPOSED or (current, new) in _BACK:
        return True
    return _ORDER.get(new, -1) > _ORDER.get(current, -1)


def bucket(days: int) -> int:
    """The largest aging bucket a number of days reaches (0 below 3 days)."""
    return max((b for b in AGING_DAYS if days >= b), default=0)
