"""Amazon sandbox blueprint: the LWA token endpoint, access / restricted data tokens, errors."""
from __future__ import annotations

import secrets

from flask import Blueprint, current_app, g, jsonify, request

from ..common import install_guard, store

bp = Blueprint("sandbox_amazonjp", __name__, url_prefix="/amazonjp")
JP = "A1VC38T7YXB528"
TOKEN_SECONDS = 3600


def error(status, code, message, details=""):
    """SP-API ErrorList."""
    names = {429: "QuotaExceeded", 500: "InternalFailure", 503: "ServiceUnavailable",
             504: "GatewayTimeout"}
    resp = jsonify(errors=[{"code": names.get(status, code), "message": message,
                            "details": details}])
    resp.status_code = status
    return resp


def tokens() -> dict:
    return current_app.extensions.setdefault("sandbox_amazon_tokens", {})


def issue(shop_id: int, prefix: str, resources=None) -> str:
    token = f"{prefix}|{secrets.token_urlsafe(24)}"
    tokens()[token] = {"shop_id": shop_id, "expires": store().now() + TOKEN_SECONDS,
                       "resources": resources}
    return token


def authenticate():
    found = tokens().get(request.headers.get("x-amz-access-token", ""))
    if found is None:
        return error(403, "Unauthorized", "Access to requested resource is denied.",
                     "The access token you provided is revoked, malformed or invalid.")
    if found["expires"] < store().now():
        return error(403, "Unauthorized", "Access to requested resource is denied.",
                     "The access token you provided has expired.")
    shop = store().shop(found["shop_id"])
    g.restricted = found["resources"]      # None for an LWA access token
    return shop


install_guard(bp, "amazonjp", authenticate, error, open_paths=("/auth/o2/token",))


@bp.post("/auth/o2/token")
def lwa_token():
    """Login with Amazon: grant_type=refresh_token, refresh_token, client_id, client_secret."""
    form = request.form
    if form.get("grant_type") != "refresh_token" or not form.get("refresh_token"):
        return jsonify(error="invalid_request",
                       error_description="The request is missing a required parameter"), 400
    shop = store().shop_by_key("amazonjp", "lwa_client_id", form.get("client_id", ""))
    if shop is None or shop["keys"].get("lwa_client_secret") != form.get("client_secret"):
        return jsonify(error="invalid_client",
                       error_description="Client authentication failed"), 401
    if shop["keys"].get("refresh_token") != form.get("refresh_token"):
        return jsonify(error="invalid_grant",
                       error_description="The request has an invalid grant parameter : "
                                         "refresh_token"), 400
    return jsonify(access_token=issue(shop["id"], "Atza"), refresh_token=form["refresh_token"],
                   token_type="bearer", expires_in=TOKEN_SECONDS)


@bp.post("/tokens/2021-03-01/restrictedDataToken")
def restricted_data_token():
    if g.restricted is not None:
        return error(403, "Unauthorized", "Access to requested resource is denied.")
    resources = (request.get_json(silent=True) or {}).get("restrictedResources") or []
    if not resources or any(r.get("method") not in ("GET", "PUT", "POST", "DELETE")
                            or not str(r.get("path", "")).startswith("/") for r in resources):
        return error(400, "InvalidRequest", "Request is missing or has invalid parameters",
                     "Resource not provided.")
    return jsonify(restrictedDataToken=issue(g.shop["id"], "Atz.sprdt", resources),
                   expiresIn=TOKEN_SECONDS)


@bp.get("/sellers/v1/marketplaceParticipations")
def participations():
    return jsonify(payload=[{"marketplace": {"id": JP, "countryCode": "JP",
                                             "name": "Amazon.co.jp",
                                             "defaultCurrencyCode": "JPY",
                                             "defaultLanguageCode": "ja_JP",
                                             "domainName": "www.amazon.co.jp"},
                             "storeName": g.shop["name"],
                             "participation": {"isParticipating": True,
                                               "hasSuspendedListings": False}}])


def restricted_to(method: str, path: str) -> list[str] | None:
    """The data elements a restricted data token opens on (method, path); None for LWA tokens."""
    if g.restricted is None:
        return None
    for r in g.restricted:
        if r.get("method") == method and r.get("path") == path:
            return list(r.get("dataElements") or [])
    return []
