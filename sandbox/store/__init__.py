"""Sandbox marketplace state: Store, one SQLite file composed of the per-aggregate store modules.

Protocol-neutral shops, catalogue, orders, claims, inquiries and the journal; each protocol
blueprint renders them its own way.
"""
from __future__ import annotations

from .catalogue import CatalogueStore
from .claims import CLAIM_DONE, CLAIM_REQUESTED, ClaimStore
from .db import SCHEMA, Database
from .inquiries import InquiryStore
from .journal import JournalStore
from .orders import DELAY_REASONS, FLOW_NEXT, OrderStore
from .refused import Refused
from .shops import ShopStore

__all__ = ["Store", "Refused", "SCHEMA", "DELAY_REASONS", "FLOW_NEXT", "CLAIM_REQUESTED", "CLAIM_DONE"]


class Store(ShopStore, CatalogueStore, OrderStore, ClaimStore, InquiryStore, JournalStore,
            Database):
    """The sandbox's whole state; sandbox/__init__.py keeps one per app."""
