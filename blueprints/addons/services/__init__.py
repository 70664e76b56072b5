"""부가서비스 rules shared by its services: RuleViolation and the 등록일자 presets."""
from blueprints.orders.services import PRESETS, RuleViolation, day_range, utc_bounds  # noqa: F401
