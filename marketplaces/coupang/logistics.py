"""Coupang address book (물류센터 APIs): 출고지 조회 and 반품지 목록 조회, read as choices."""
from __future__ import annotations

from .client import OPENAPI

# 출고지 조회 lives under marketplace_openapi, with no vendor id in its path (article 360033644754).
OUTBOUND = "/v2/providers/marketplace_openapi/apis/api/v2/vendor/shipping-place/outbound"
PAGE_SIZE = 50   # the documented maximum of both lists


def _address(place: dict) -> dict:
    """The first of placeAddresses (JIBUN / ROADNAME / OVERSEA rows of one place)."""
    rows = place.get("placeAddresses") or [{}]
    return rows[0] or {}


def _line(address: dict) -> str:
    zip_code = address.get("returnZipCode") or ""
    text = " ".join(x for x in (address.get("returnAddress"), address.get("returnAddressDetail"))
                    if x)
    return f"({zip_code}) {text}" if zip_code else text


def outbound_entry(place: dict) -> dict:
    address = _address(place)
    return {"code": str(place["outboundShippingPlaceCode"]),
            "name": place.get("shippingPlaceName") or "", "address": _line(address),
            "phone": address.get("companyContactNumber") or "", "fills": {}}


def return_entry(center: dict) -> dict:
    address = _address(center)
    name, phone = center.get("shippingPlaceName") or "", address.get("companyContactNumber") or ""
    # Choosing a 반품지 also sets what the product create sends beside its code.
    return {"code": str(center["returnCenterCode"]), "name": name, "address": _line(address),
            "phone": phone, "fills": {"return_center_name": name, "return_contact": phone}}


class CoupangAddressBook:
    """Address-book part of the Coupang adapter; needs the adapter's client and vendor_id."""

    # Which account setting each list of the address book fills in 제휴몰 계정정보.
    address_book_settings = {"outbound": "outbound_place_code", "return": "return_center_code"}

    def _pages(self, path: str, envelope: bool) -> list[dict]:
        rows, page = [], 1
        while True:
            body = self.client.call("GET", path, params={"pageNum": page, "pageSize": PAGE_SIZE})
            # 반품지 목록 wraps {content, pagination} in data; 출고지 조회 answers them bare.
            part = (body.get("data") or {}) if envelope else body
            rows.extend(part.get("content") or [])
            paging = part.get("pagination") or {}
            if page >= int(paging.get("totalPages") or 0) or not part.get("content"):
                return rows
            page += 1

    def fetch_address_book(self) -> dict[str, list[dict]]:
        """Usable 출고지 and 반품지 as {"outbound": [...], "return": [...]} entries of code, name,
        address, phone and the settings that choosing one also fills."""
        places = self._pages(OUTBOUND, envelope=False)
        centers = self._pages(f"{OPENAPI}/v5/vendors/{self.vendor_id}/returnShippingCenters",
                              envelope=True)
        return {"outbound": [outbound_entry(p) for p in places if p.get("usable", True)],
                "return": [return_entry(c) for c in centers if c.get("usable", True)]}
