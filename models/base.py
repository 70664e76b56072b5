"""Shared column helpers for every model: timestamps in UTC and the tenant link."""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.orm import declared_attr

from portal.extensions import db


def utcnow() -> datetime:
    """Naive UTC, the one clock stored in every table; shown in KST by the templates."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def kst_today() -> date:
    """Today in Korea, whatever the server's zone: the day a 판매기간 starts or a key expires."""
    return datetime.now(timezone(timedelta(hours=9))).date()


class TimestampMixin:
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class TenantOwned:
    """Marks a seller-owned row; portal.tenancy scopes every query on tenant_id."""

    @declared_attr
    def tenant_id(cls):
        return db.Column(db.Integer, db.ForeignKey("tenant.id"), nullable=False, index=True)
