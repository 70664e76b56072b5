"""문의관리 rules shared by its services: RuleViolation and the channel names and periods the pages use."""
from blueprints.orders.services import PRESETS, RuleViolation, day_range, today_kst, utc_bounds  # noqa: F401
from blueprints.orders.services.collection import accounts_of, channel_name, chosen_accounts  # noqa: F401
