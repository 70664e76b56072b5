"""Sandbox of Rakuten RMS WEB SERVICE under /rakuten/es: ESA auth, 受注API, キャンセル, 問い合わせ, 在庫, 商品."""
from __future__ import annotations

from . import cancel, inquiries, items, orders  # noqa: F401  (each registers its routes on bp)
from .auth import bp

__all__ = ["bp"]
