"""Product services: the rules and operations behind every 상품정보관리 screen and job."""


class RuleViolation(Exception):
    """A refused action, in the words the page shows."""
