"""배송현황 / 배송조회: tracking codes, their rules and history, aging tiles and the shipment list."""
from . import views  # noqa: F401  (routes attach to the 배송관리 blueprint)
