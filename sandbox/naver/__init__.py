"""Sandbox of the Naver Commerce API (스마트스토어) under /naver/external.

OAuth2 token, product orders, claims, Q&A and products.
"""
from __future__ import annotations

from . import orders, claims, images, inquiries, option_stock, products  # noqa: F401  (each registers its routes on bp)
from .auth import AUTHN_MESSAGE, TOKEN_SECONDS, authenticate, bp, canonical_salt, error

__all__ = ["bp", "AUTHN_MESSAGE", "TOKEN_SECONDS", "authenticate", "canonical_salt", "error"]
