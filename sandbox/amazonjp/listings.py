"""Amazon sandbox Listings Items 2021-08-01: patchListingsItem of fulfillment_availability."""
from __future__ import annotations

import uuid

from flask import g, jsonify, request

from ..common import store
from .auth import JP, bp, error

PATH = "/attributes/fulfillment_availability"


@bp.patch("/listings/2021-08-01/items/<seller_id>/<sku>")
def patch_listings_item(seller_id, sku):
    if g.restricted is not None or seller_id != g.shop["keys"].get("seller_id"):
        return error(403, "Unauthorized", "Access to requested resource is denied.")
    if JP not in request.args.get("marketplaceIds", "").split(","):
        return error(400, "BAD_REQUEST", "Invalid input", "marketplaceIds")
    body = request.get_json(silent=True) or {}
    patches = body.get("patches") or []
    if not body.get("productType") or not patches:
        return error(400, "BAD_REQUEST", "Invalid input", "productType, patches")
    submission = str(uuid.uuid4())
    item = store().item(g.shop["id"], sku)
    if item is None:
        return jsonify(sku=sku, status="INVALID", submissionId=submission, issues=[{
            "code": "18027", "message": "The SKU does not exist in the seller's catalog.",
            "severity": "ERROR", "attributeNames": [], "categories": ["INVALID_ATTRIBUTE"]}])
    for patch in patches:
        value = patch.get("value") or [{}]
        quantity = value[0].get("quantity")
        if patch.get("op") not in ("add", "replace") or patch.get("path") != PATH or \
                not isinstance(quantity, int) or quantity < 0:
            return jsonify(sku=sku, status="INVALID", submissionId=submission, issues=[{
                "code": "90000900", "message": "The attributes are invalid.",
                "severity": "ERROR", "attributeNames": ["fulfillment_availability"],
                "categories": ["INVALID_ATTRIBUTE"]}])
        store().set_item_stock(g.shop["id"], sku, quantity)
    return jsonify(sku=sku, status="ACCEPTED", submissionId=submission, issues=[])
