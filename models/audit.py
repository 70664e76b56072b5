"""AuditLog: who changed whose access rights, and when (접속승인, 업무, 비밀번호, 승인)."""
from portal.extensions import db

from .base import utcnow


class AuditLog(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenant.id"), index=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    target_user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    action = db.Column(db.String(50), nullable=False, index=True)
    detail = db.Column(db.Text, nullable=False, default="")
    ip = db.Column(db.String(45), nullable=False, default="")
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)

    actor = db.relationship("User", foreign_keys=[actor_id])
    target = db.relationship("User", foreign_keys=[target_user_id])
    tenant = db.relationship("Tenant")
