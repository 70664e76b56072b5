"""Built-in 주문서 매칭 for the order files sellers download from their channels, picked by header match.

Each preset keeps the export's column list (HEADERS, in the export's order: the tests write sample files
from it) and the sources of our fields in it. Where each list comes from is in PRESETS.md beside this
file. A seller's own saved 주문서 매칭 for the platform wins over a preset; the seller can save an edited
copy of a preset from the upload page.
"""
from dataclasses import dataclass

from portal.i18n import N_

from .mapping import Profile, Source

J = Source  # brevity below


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    platform: str  # the 판매 플랫폼 its orders are stored under when the seller gives none
    headers: tuple[str, ...]
    fields: dict
    encoding: str = ""  # what the channel writes (the reader still checks the file)
    country: str = "KR"
    currency: str = "KRW"
    header_row: int = 1  # where the channel puts the headers (the reader finds them anyway)

    def profile(self) -> Profile:
        fields = {"country": J(value=self.country), "currency": J(value=self.currency), **self.fields}
        return Profile(fields, name=self.key)


AMAZON_JP = Preset(
    "amazon_jp", "Amazon JP 주문 리포트 (Order Report)", "Amazon JP",
    ("order-id", "order-item-id", "purchase-date", "payments-date", "buyer-email", "buyer-name",
     "buyer-phone-number", "sku", "product-name", "quantity-purchased", "currency", "item-price", "item-tax",
     "shipping-price", "shipping-tax", "ship-service-level", "recipient-name", "ship-address-1", "ship-address-2",
     "ship-address-3", "ship-city", "ship-state", "ship-postal-code", "ship-country", "ship-phone-number",
     "delivery-start-date", "delivery-end-date", "delivery-time-zone", "delivery-Instructions", "sales-channel"),
    {"order_no": J(("order-id",)), "recipient_name": J(("recipient-name",)),
     "recipient_phone": J(("ship-phone-number",), fallback="buyer-phone-number"),
     "zip_code": J(("ship-postal-code",)), "address": J(("ship-state", "ship-city", "ship-address-1"), ""),
     "address_detail": J(("ship-address-2", "ship-address-3")), "message": J(("delivery-Instructions",)),
     "sku": J(("sku",)), "quantity": J(("quantity-purchased",)), "line_amount": J(("item-price",)),
     "country": J(("ship-country",), value="JP"), "currency": J(("currency",), value="JPY"),
     "order_date": J(("purchase-date",)), "buyer_name": J(("buyer-name",)), "product_name": J(("product-name",)),
     "line_no": J(("order-item-id",))},
    encoding="cp932", country="JP", currency="JPY")

RAKUTEN = Preset(
    "rakuten", "Rakuten RMS 通常購入データ", "Rakuten",
    ("受注番号", "受注ステータス", "注文日時", "注文者名字", "注文者名前", "注文者郵便番号1", "注文者郵便番号2",
     "注文者住所：都道府県", "注文者住所：都市区", "注文者住所：町以降", "注文者電話番号1", "注文者電話番号2",
     "注文者電話番号3", "メールアドレス", "送付先名字", "送付先名前", "送付先郵便番号1", "送付先郵便番号2",
     "送付先住所：都道府県", "送付先住所：都市区", "送付先住所：町以降", "送付先電話番号1", "送付先電話番号2",
     "送付先電話番号3", "商品ID", "商品名", "商品番号", "商品管理番号", "単価", "個数", "項目・選択肢", "合計",
     "請求金額", "コメント"),
    {"order_no": J(("受注番号",)), "recipient_name": J(("送付先名字", "送付先名前")),
     "recipient_phone": J(("送付先電話番号1", "送付先電話番号2", "送付先電話番号3"), "-"),
     "zip_code": J(("送付先郵便番号1", "送付先郵便番号2"), "-"),
     "address": J(("送付先住所：都道府県", "送付先住所：都市区", "送付先住所：町以降"), ""),
     "message": J(("コメント",)), "sku": J(("商品管理番号",), fallback="商品番号"), "quantity": J(("個数",)),
     "unit_price": J(("単価",)), "total_paid": J(("請求金額",)), "order_date": J(("注文日時",)),
     "buyer_name": J(("注文者名字", "注文者名前")), "product_name": J(("商品名",)),
     "option_name": J(("項目・選択肢",))},
    encoding="cp932", country="JP", currency="JPY")

BUYMA = Preset(
    "buyma", "BUYMA 配送先情報 CSV", "BUYMA",
    ("取引ID", "注文日", "商品ID", "商品名", "色・サイズ", "受注数", "氏名", "郵便番号", "住所", "電話番号",
     "連絡事項"),
    {"order_no": J(("取引ID",)), "recipient_name": J(("氏名",)), "recipient_phone": J(("電話番号",)),
     "zip_code": J(("郵便番号",)), "address": J(("住所",)), "message": J(("連絡事項",)), "sku": J(("商品ID",)),
     "quantity": J(("受注数",)), "order_date": J(("注文日",)), "product_name": J(("商品名",)),
     "option_name": J(("色・サイズ",))},
    encoding="cp932", country="JP", currency="JPY")

QOO10 = Preset(
    "qoo10", "Qoo10 QSM 배송요청(상세보기)", "Qoo10",
    ("배송상태", "주문번호", "장바구니번호", "택배사", "송장번호", "발송일", "주문일", "상품명", "옵션정보",
     "판매자상품코드", "수량", "판매가", "수취인명", "수취인전화번호", "수취인핸드폰번호", "주소", "우편번호", "국가",
     "배송요청사항"),
    {"order_no": J(("주문번호",)), "recipient_name": J(("수취인명",)),
     "recipient_phone": J(("수취인핸드폰번호",), fallback="수취인전화번호"), "zip_code": J(("우편번호",)),
     "address": J(("주소",)), "message": J(("배송요청사항",)), "sku": J(("판매자상품코드",)), "quantity": J(("수량",)),
     "unit_price": J(("판매가",)), "country": J(("국가",), value="JP"), "order_date": J(("주문일",)),
     "product_name": J(("상품명",)), "option_name": J(("옵션정보",))},
    country="JP", currency="JPY")

SMARTSTORE = Preset(
    "smartstore", "스마트스토어 발주발송관리", "스마트스토어",
    ("상품주문번호", "주문번호", "배송방법(구매자 요청)", "배송방법", "택배사", "송장번호", "발송일", "구매자명",
     "구매자ID", "수취인명", "주문상태", "주문세부상태", "결제위치", "결제일", "상품번호", "상품명", "상품종류",
     "옵션정보", "옵션관리코드", "수량", "옵션가격", "상품가격", "최종 상품별 총 주문금액", "판매자 상품코드",
     "수취인연락처1", "수취인연락처2", "통합배송지", "기본배송지", "상세배송지", "우편번호", "배송메세지", "주문일시"),
    {"order_no": J(("주문번호",)), "recipient_name": J(("수취인명",)),
     "recipient_phone": J(("수취인연락처1",), fallback="수취인연락처2"), "zip_code": J(("우편번호",)),
     "address": J(("기본배송지",), fallback="통합배송지"), "address_detail": J(("상세배송지",)),
     "message": J(("배송메세지",)), "sku": J(("판매자 상품코드",), fallback="옵션관리코드"), "quantity": J(("수량",)),
     "unit_price": J(("상품가격",)), "line_amount": J(("최종 상품별 총 주문금액",)), "order_date": J(("주문일시",)),
     "buyer_name": J(("구매자명",)), "product_name": J(("상품명",)), "option_name": J(("옵션정보",)),
     "line_no": J(("상품주문번호",))},
    header_row=2)

COUPANG = Preset(
    "coupang", "쿠팡 WING DeliveryList", "쿠팡",
    ("번호", "묶음배송번호", "주문번호", "택배사", "운송장번호", "분리배송 Y/N", "분리배송 출고예정일",
     "주문시 출고예정일", "출고일(발송일)", "주문일", "등록상품명", "등록옵션명", "노출상품명(옵션명)", "노출상품ID",
     "옵션ID", "최초등록등록상품명/옵션명", "업체상품코드", "바코드", "결제액", "배송비구분", "배송비",
     "도서산간 추가배송비", "구매수(수량)", "옵션판매가(판매단가)", "구매자", "구매자전화번호", "수취인이름",
     "수취인전화번호", "우편번호", "수취인 주소", "배송메세지"),
    {"order_no": J(("주문번호",)), "recipient_name": J(("수취인이름",)), "recipient_phone": J(("수취인전화번호",)),
     "zip_code": J(("우편번호",)), "address": J(("수취인 주소",)), "message": J(("배송메세지",)),
     "sku": J(("업체상품코드",), fallback="옵션ID"), "quantity": J(("구매수(수량)",)),
     "unit_price": J(("옵션판매가(판매단가)",)), "line_amount": J(("결제액",)), "order_date": J(("주문일",)),
     "buyer_name": J(("구매자",)), "product_name": J(("등록상품명",)), "option_name": J(("등록옵션명",)),
     "line_no": J(("묶음배송번호",))})

ST11 = Preset(
    "11st", "11번가 발송처리 주문내역", "11번가",
    ("번호", "주문상태", "주문번호", "주문순번", "결제일시", "상품번호", "상품명", "옵션", "수량", "판매단가",
     "주문금액", "구매자", "구매자ID", "수취인", "전화번호", "휴대폰번호", "우편번호", "주소", N_("배송메시지"),
     "판매자상품코드"),
    {"order_no": J(("주문번호",)), "recipient_name": J(("수취인",)),
     "recipient_phone": J(("휴대폰번호",), fallback="전화번호"), "zip_code": J(("우편번호",)),
     "address": J(("주소",)), "message": J(("배송메시지",)), "sku": J(("판매자상품코드",), fallback="상품번호"),
     "quantity": J(("수량",)), "unit_price": J(("판매단가",)), "line_amount": J(("주문금액",)),
     "order_date": J(("결제일시",)), "buyer_name": J(("구매자",)), "product_name": J(("상품명",)),
     "option_name": J(("옵션",)), "line_no": J(("주문순번",))})

ESM = Preset(
    "esm", "ESM(G마켓·옥션) 발송관리", "G마켓",
    ("주문일자", "구매자ID", "판매아이디", "주문번호", "구매자명", "상품번호", "상품명", "수량", "주문옵션",
     "추가구성", "사은품", "판매단가", "판매금액", "판매자 관리코드", "판매자 상세관리코드", "구매자 휴대폰",
     "구매자 전화번호", "수령인명", "수령인 휴대폰", "수령인 전화번호", "통관정보", "우편번호", "주소",
     "배송시 요구사항", "배송비", "장바구니번호", "결제완료일"),
    {"order_no": J(("주문번호",)), "recipient_name": J(("수령인명",)),
     "recipient_phone": J(("수령인 휴대폰",), fallback="수령인 전화번호"), "zip_code": J(("우편번호",)),
     "address": J(("주소",)), "message": J(("배송시 요구사항",)), "sku": J(("판매자 관리코드",), fallback="상품번호"),
     "quantity": J(("수량",)), "unit_price": J(("판매단가",)), "line_amount": J(("판매금액",)),
     "order_date": J(("주문일자",)), "buyer_name": J(("구매자명",)), "product_name": J(("상품명",)),
     "option_name": J(("주문옵션",))})

PRESETS = (AMAZON_JP, RAKUTEN, BUYMA, QOO10, SMARTSTORE, COUPANG, ST11, ESM)
BY_KEY = {p.key: p for p in PRESETS}


def pick(head: list[list]) -> Preset | None:
    """The preset whose headers the file's first rows hold best (None when none fits)."""
    best, score = None, 0
    for preset in PRESETS:
        s = preset.profile().score(head)
        if s > score:
            best, score = preset, s
    return best
