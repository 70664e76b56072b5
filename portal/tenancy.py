"""Tenancy: the current seller company and the one query helper every seller-data query uses."""
from flask import abort
from flask_login import current_user

from portal.extensions import db


def current_tenant():
    """The signed-in user's company; support staff and anonymous users have none (404)."""
    tenant = getattr(current_user, "tenant", None) if current_user.is_authenticated else None
    if tenant is None:
        abort(404)
    return tenant


def tenant_query(model, tenant=None):
    """A select over `model` limited to one tenant's rows. `tenant` is a Tenant or, for jobs and services that
    hold only ids, its id; the signed-in user's company when omitted."""
    tenant = current_tenant() if tenant is None else tenant
    return db.session.query(model).filter(model.tenant_id == (tenant if isinstance(tenant, int) else tenant.id))


def get_owned_or_404(model, obj_id, tenant=None):
    """By-id lookup: another tenant's row looks exactly like a missing one."""
    obj = tenant_query(model, tenant).filter(model.id == obj_id).one_or_none()
    if obj is None:
        abort(404)
    return obj
