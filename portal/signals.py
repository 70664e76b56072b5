"""Signals between menus, so one menu reacts to another's change without importing it."""
from blinker import Namespace

_signals = Namespace()

# Sent with tenant_id=..., product_ids=[...] (sorted, never empty) once per change of one or many products'
# sellable stock (manual edit, bulk modify, orders collected or uploaded, orders cancelled, warehouse
# movements); 판매상품관리 pushes it to their listings.
stock_changed = _signals.signal("stock-changed")

# Sent with run_id=... when a run's worker died under it and the run was marked failed: a menu
# releases what the run held (the account's collection lease).
run_abandoned = _signals.signal("run-abandoned")
