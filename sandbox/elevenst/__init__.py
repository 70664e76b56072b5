"""Sandbox of the 11번가 Seller Open API under /11st/rest: openapikey, EUC-KR XML, GET writes."""
from __future__ import annotations

# each module registers its routes on bp
from . import orders, claims, inquiries, products, addresses  # noqa: F401
from .auth import authenticate, bp, error
from .xmlio import NS, fields, result, xml

__all__ = ["bp", "NS", "authenticate", "error", "fields", "result", "xml"]
