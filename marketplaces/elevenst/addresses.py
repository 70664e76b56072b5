"""11번가 address book: 출고지 / 반품·교환지 주소 조회 (apiSeq 1014, 1015), read as choices."""
from __future__ import annotations

from portal.marketplaces import PermanentError

from .client import rows


def entry(row: dict) -> dict:
    phone = row.get("gnrlTlphnNo") or row.get("prtblTlphnNo") or ""
    return {"code": row.get("addrSeq") or "", "name": row.get("addrNm") or "",
            "address": row.get("addr") or "", "phone": phone, "fills": {}}


class ElevenstAddressBook:
    """Address-book part of the 11번가 adapter; needs the adapter's client."""

    # Which account setting each list of the address book fills in 제휴몰 계정정보.
    address_book_settings = {"outbound": "addr_seq_out", "return": "addr_seq_in"}

    def _area(self, path: str) -> list[dict]:
        root = self.client.call("GET", path)
        # Success carries result_message SUCCESS beside the rows; a refusal carries only the
        # reason there (e.g. "주소지 조회 오류 : OpenAPI Key 에 해당하는 유저가 없습니다.").
        message = (root.findtext("result_message") or "").strip()
        if message and message != "SUCCESS":
            raise PermanentError(message, "ADDRESS")
        return [entry(r) for r in rows(root, "inOutAddress") if r.get("addrSeq")]

    def fetch_address_book(self) -> dict[str, list[dict]]:
        """출고지 (outboundarea) and 반품/교환지 (inboundarea) of the seller's address book."""
        return {"outbound": self._area("/areaservice/outboundarea"),
                "return": self._area("/areaservice/inboundarea")}
