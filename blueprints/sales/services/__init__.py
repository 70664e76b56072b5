"""판매상품관리 services: listings, linking, sale periods, stock sync and the lists of the menu."""
from blueprints.products.services import RuleViolation

__all__ = ["RuleViolation"]
