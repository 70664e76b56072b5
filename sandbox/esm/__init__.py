"""Sandbox of the ESM Trading API (G마켓/옥션) under /esm: JWT guard, orders, claims, 판매자문의."""
from __future__ import annotations

from . import claims, inquiries, orders, products  # noqa: F401  (each registers its routes on bp)
from .auth import bp

__all__ = ["bp"]
