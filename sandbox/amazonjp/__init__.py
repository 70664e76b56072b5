"""Sandbox of Amazon SP-API (FE) under /amazonjp: LWA tokens, Orders v0, Tokens, Listings."""
from __future__ import annotations

from . import listings, orders  # noqa: F401  (each registers its routes on bp)
from .auth import bp

__all__ = ["bp"]
