"""Sandbox of the Coupang WING Open API under /coupang: CEA HMAC, orders, claims, Q&A, products,
address book."""
from __future__ import annotations

# each module registers its routes on bp
from . import orders, claims, inquiries, products, logistics, meta  # noqa: F401
from .auth import OPENAPI, PREFIX, SELLER, authenticate, bp, error, ok

__all__ = ["bp", "PREFIX", "OPENAPI", "SELLER", "authenticate", "error", "ok"]
