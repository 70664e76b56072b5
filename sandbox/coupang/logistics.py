"""Coupang sandbox address book: 출고지 조회 and 반품지 목록 조회 in the documented shapes.

A shop's address book is what its keys name (outbound_place_code, return_center_code and the
반품지명/연락처 beside it); a shop without them has an empty book. Addresses are the documents'
own example values (articles 360033644754, 360033644814).
"""
from __future__ import annotations

from flask import g, jsonify, request

from .auth import OPENAPI, bp, error

OUTBOUND = "/v2/providers/marketplace_openapi/apis/api/v2/vendor/shipping-place/outbound"


def _paging():
    """pageNum ≥ 1 and pageSize 1..50 (default 10), or the refusal."""
    num, size = request.args.get("pageNum", "1"), request.args.get("pageSize", "10")
    if not (num.isdigit() and size.isdigit()) or int(num) < 1 or not 1 <= int(size) <= 50:
        return None, error(400, "ERROR", "pageNum은 1 이상, pageSize는 1~50 사이여야 합니다.")
    return (int(num), int(size)), None


def _page(rows, num, size):
    pages = (len(rows) + size - 1) // size
    return rows[(num - 1) * size:num * size], {"currentPage": num, "countPerPage": size,
                                               "totalPages": pages, "totalElements": len(rows)}


def _address(zip_code, address, detail, phone):
    return [{"addressType": "JIBUN", "countryCode": "KR", "companyContactNumber": phone,
             "phoneNumber2": "", "returnZipCode": zip_code, "returnAddress": address,
             "returnAddressDetail": detail}]


@bp.get(OUTBOUND)
def outbound_places():
    names, codes = request.args.get("placeNames"), request.args.get("placeCodes")
    if not (names or codes or ("pageNum" in request.args and "pageSize" in request.args)):
        return error(400, "ERROR", "(pageNum & pageSize) or placeCodes or placeNames must be "
                                   "provided to call this API")
    paging, refused = _paging()
    if refused:
        return refused
    keys, rows = g.shop["keys"], []
    if keys.get("outbound_place_code"):
        rows.append({"outboundShippingPlaceCode": int(keys["outbound_place_code"]),
                     "shippingPlaceName": "상품출고지1", "createDate": "2019/06/24",
                     "placeAddresses": _address("05510", "서울특별시 송파구 신천동",
                                                "7-30, Tower출고지", "02-1234-5678"),
                     "remoteInfos": [], "usable": True})
    rows = [r for r in rows
            if (not codes or str(r["outboundShippingPlaceCode"]) in codes.split(","))
            and (not names or r["shippingPlaceName"] in names.split(","))]
    content, pagination = _page(rows, *paging)
    return jsonify(content=content, pagination=pagination)


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/returnShippingCenters")
def return_centers(vendor_id):
    paging, refused = _paging()
    if refused:
        return refused
    keys, rows = g.shop["keys"], []
    if keys.get("return_center_code"):
        rows.append({"vendorId": vendor_id, "returnCenterCode": keys["return_center_code"],
                     "shippingPlaceName": keys.get("return_center_name") or "반품지",
                     "deliverCode": "HANJIN", "deliverName": "한진택배", "goodsflowStatus": "승인",
                     "errorMessage": "", "createdAt": 1581195908000, "usable": True,
                     "placeAddresses": _address("42701", "대구시 달서구 성서공단로", "235",
                                                keys.get("return_contact") or "02-111-1111")})
    content, pagination = _page(rows, *paging)
    return jsonify(code=200, message="SUCCESS",
                   data={"content": content, "pagination": pagination})
