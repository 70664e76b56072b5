"""Public image addresses: signed links to one stored product image, the only files served without a login.

Channels that take image addresses (쿠팡 vendorPath, 11번가 prdImage01 and the 상세 HTML) fetch the
picture from outside, and some show the 상세 HTML's pictures from that address for as long as the
product is on sale; so an address is stable (it does not expire) and names exactly one image of one
seller: the signature covers the seller (tenant) id and the stored file name together. A changed id,
name or signature, or a file that is gone, is 404. `PUBLIC_BASE_URL` says where the portal is
reachable from outside; without it there is no public address and the caller says so.
"""
import os
import re

from flask import Blueprint, abort, current_app, send_file
from itsdangerous import BadData, URLSafeSerializer

bp = Blueprint("public_images", __name__)
SALT = "public-image"
STORED_NAME = re.compile(r"[0-9a-f]{32}\.jpg")  # what the product image store writes


def base_url() -> str:
    """The portal's address as the channels reach it ("" = not set: no public addresses)."""
    return (current_app.config.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def token_for(tenant_id: int, name: str) -> str:
    return _serializer().dumps([int(tenant_id), name])


def public_url(tenant_id: int, name: str) -> str:
    """The stable public address of a stored image, or "" without a base URL or for no image."""
    root = base_url()
    if not root or not STORED_NAME.fullmatch(name or ""):
        return ""
    return f"{root}/public/images/{token_for(tenant_id, name)}.jpg"


def stored_path(tenant_id: int, name: str) -> str | None:
    """The file of a stored image inside its seller's folder, or None."""
    if not STORED_NAME.fullmatch(name or ""):
        return None
    path = os.path.join(current_app.instance_path, "uploads", str(int(tenant_id)), name)
    return path if os.path.isfile(path) else None


def resolve(token: str) -> str | None:
    """The file a token names, or None for a bad signature, a malformed payload or a missing file."""
    try:
        tenant_id, name = _serializer().loads(token)
        tenant_id = int(tenant_id)
    except (BadData, TypeError, ValueError):
        return None
    if not isinstance(name, str):
        return None
    return stored_path(tenant_id, name)


@bp.get("/public/images/<token>.jpg")
def image(token: str):
    path = resolve(token)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/jpeg", max_age=86400)


def init_app(app) -> None:
    app.register_blueprint(bp)
