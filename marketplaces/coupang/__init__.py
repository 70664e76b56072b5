"""쿠팡 adapter: Coupang WING Open API (CEA HMAC-SHA256 signed requests, JSON, per-box results).

CoupangAdapter is composed of one part per area: products, orders, claims, inquiries,
address book.
"""
from __future__ import annotations

from datetime import timedelta

from portal.i18n import N_
from portal.marketplaces import (
    ChannelAdapter, ChannelError, ChannelType, ConnectionResult, CredentialField, not_supported,
)

from .claims import CoupangClaims, minute
from .client import OPENAPI, SELLER, CoupangClient
from .inquiries import CoupangInquiries
from .logistics import CoupangAddressBook
from .notices import CoupangNotices
from .orders import SHEET_STATUSES, CoupangOrders
from .products import CoupangProducts

__all__ = ["CoupangAdapter", "adapter", "OPENAPI", "SELLER", "SHEET_STATUSES", "minute"]


class CoupangAdapter(CoupangProducts, CoupangOrders, CoupangClaims, CoupangInquiries,
                     CoupangAddressBook, CoupangNotices, ChannelAdapter):
    code = "coupang"
    display_name = "쿠팡"
    channel_type = ChannelType.OPEN_MARKET
    credential_fields = (
        CredentialField("vendor_id", N_("업체코드 (Vendor ID)"), secret=False, help_ko=N_("예: A00012345")),
        CredentialField("access_key", "Access Key", secret=True),
        CredentialField("secret_key", "Secret Key", secret=True),
        CredentialField("wing_user_id", N_("WING 로그인 아이디"), secret=False, required=False,
                        help_ko=N_("고객문의 답변과 판매취소, 상품 연동에 필요합니다.")),
        CredentialField("outbound_place_code", N_("출고지 코드"), secret=False, required=False,
                        help_ko=N_("WING 판매자정보 > 주소록의 출고지 코드(outboundShippingPlaceCode). "
                                   "저장 후 [주소록 불러오기]로 목록에서 고를 수 있습니다.")),
        CredentialField("return_center_code", N_("반품지 센터코드"), secret=False, required=False,
                        help_ko=N_("WING 주소록의 반품지 센터코드(returnCenterCode). 주소록에서 고르면 "
                                   "반품지명과 연락처도 함께 채워집니다.")),
        CredentialField("return_center_name", N_("반품지명"), secret=False, required=False,
                        help_ko=N_("WING 주소록에 등록한 반품지 이름")),
        CredentialField("return_contact", N_("반품지 연락처"), secret=False, required=False,
                        help_ko=N_("예: 02-1234-5678")),
    )
    listing_settings = ("wing_user_id", "outbound_place_code", "return_center_code",
                        "return_center_name", "return_contact")
    default_base_url = "https://api-gateway.coupang.com"
    key_help_ko = N_("1. 쿠팡 WING(wing.coupang.com)에 로그인합니다.\n"
                     "2. 판매자정보 > 추가판매정보 > OPEN API 키 발급에서 [API Key 발급]을 누르고 "
                     "호출 IP를 등록합니다.\n"
                     "3. 업체코드, Access Key, Secret Key를 복사해 입력합니다.\n"
                     "4. 저장한 뒤 목록의 [접속 테스트]를 눌러 '인증되었습니다'가 나오는지 확인합니다.")
    # The daily-paged ordersheet list takes at most 31 calendar days (createdAtTo inclusive).
    max_order_window = timedelta(days=30)
    # 교환완료 = 입고 확인 + 교환상품 송장 업로드: the claims screen asks for the re-delivery invoice.
    exchange_needs_invoice = True
    dispatch_delay_note_ko = N_("쿠팡 Open API는 발송지연 안내 API를 제공하지 않아 배송지연사유는 "
                              "전송하지 않고 포털에만 기록합니다. 필요하면 WING에서 고객에게 "
                              "안내해 주세요.")

    @property
    def vendor_id(self) -> str:
        return self.credential("vendor_id")

    @property
    def client(self) -> CoupangClient:
        return CoupangClient(self.base_url, self.vendor_id, self.credential("access_key"),
                             self.credential("secret_key"), self.http, self.account_key, self.now)

    def _vendor(self, path: str) -> str:
        return f"{OPENAPI}/{path.split('/', 1)[0]}/vendors/{self.vendor_id}/{path.split('/', 1)[1]}"

    def test_connection(self) -> ConnectionResult:
        try:
            self.client.call("GET", f"{SELLER}/seller-products", params={"vendorId": self.vendor_id,
                                                                          "maxPerPage": 1})
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    fetch_notices = not_supported(N_("쿠팡 Open API는 판매자 공지사항 조회 API를 제공하지 않습니다."))


adapter = CoupangAdapter
