"""Signals between menus, so one menu reacts to another's change without importing it."""
from blinker import Namespace

_signals = Namespace()

# Sent with tenant_id=..., product_id=... whenever a product's sellable stock changes
# (manual edit, bulk modify, order collected, order cancelled); 판매상품관리 pushes it to listings.
stock_changed = _signals.signal("stock-changed")

# Sent with run_id=... when a run's worker died under it and the run was marked failed: a menu
# releases what the run held (the account's collection lease).
run_abandoned = _signals.signal("run-abandoned")
