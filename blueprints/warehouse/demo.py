"""Demo rows of 창고관리: a 로켓그로스 seller's Chinese-named items, receipts in every state, two outbounds."""
import os
import uuid
from decimal import Decimal

from fpdf import FPDF
from PIL import Image

from models import (CoupangCentre, InboundLine, InboundRequest, OutboundLine, OutboundRequest, ProductOption,
                    User, WarehouseItem)
from models.warehouse import IN_REFUSED, ITEM_REFUSED, MILKRUN, OUT_PICKING, PARCEL
from portal.extensions import db
from portal.tenancy import tenant_query

from .services import files, inbound, new_number, outbound
from .services.stock import OUT_REQUESTED, move

ITEMS = [  # fnsku, 중문상품명, 한글상품명, 영문상품명, 옵션, 세관신고가격
    ("D113985618401019", "洗脸敷面膜专用发箍女前额碎发发卡女款黑色带齿防滑头戴发箍头饰",
     "여성용 블랙 미끄럼방지 세안 머리띠", "Women's anti-slip face-washing headband", "颜色:黑色", "0.99"),
    ("D118024465402037", "2024年新款羽绒棉服女冬短款加厚时尚棉衣韩版宽松设计感棉袄外套",
     "2024 신상 여성 겨울 숏 기모 면패딩", "2024 women's winter short padded jacket", "颜色:白色>尺码:M", "18.50"),
    ("D118024465401017", "病号服批发全棉病人服病员服男女住院服睡衣长袖患者服短袖护理服",
     "순면 환자복 상하세트", "Cotton patient gown set", "颜色:蓝白条上衣>尺码:S", "6.20"),
    ("D111153656201011", "纯色圆领毛衣女秋冬上衣现货新款韩系宽松慵懒风套头软糯针织衫女",
     "무지 라운드넥 루즈핏 니트", "Solid crew-neck loose knit sweater", "颜色:白色>尺码:均码", "8.90"),
    ("D111894595601024", "悬浮薄膜批发珠宝饰品包装盒PE膜透明盒子防尘收纳戒指展示薄膜盒",
     "투명 필름 주얼리 포장상자", "Transparent film jewellery box", "规格:7x7cm", "0.35"),
]


def _image(tenant_id: int, shade: int) -> str:
    name = f"{uuid.uuid4().hex}.jpg"
    Image.new("RGB", (400, 400), (shade, 200, 255 - shade)).save(
        os.path.join(files.folder(tenant_id), name), "JPEG")
    return name


def _attachment(tenant_id: int) -> str:
    """A one-page 쿠팡 부착서 stand-in: the PO number and centre, as a PDF."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.cell(0, 10, "Coupang Rocket Growth milk-run label (demo)")
    name = f"{uuid.uuid4().hex}.pdf"
    with open(os.path.join(files.folder(tenant_id), name), "wb") as fh:
        fh.write(bytes(pdf.output()))
    return name


def load(tenant) -> None:
    if tenant_query(WarehouseItem, tenant).first() is not None:
        return
    tenant.warehouse_enabled = True
    user = User.query.filter_by(tenant_id=tenant.id, is_master=True).first()
    items = []
    for n, (fnsku, zh, ko, en, option, value) in enumerate(ITEMS):
        items.append(WarehouseItem(
            tenant_id=tenant.id, fnsku=fnsku, warehouse="ICN", owner_name=tenant.name, seller_sku=fnsku,
            platform_sku=f"{fnsku}1688domem", name_zh=zh, name_ko=ko, name_en=en, origin="CN",
            customs_value=Decimal(value), currency="USD", hs_code="621142", option=option,
            url=f"https://detail.1688.com/offer/69683222{9800 + n}.html", weight_kg=Decimal("0.4"),
            width_cm=Decimal("30"), depth_cm=Decimal("20"), height_cm=Decimal("5"), has_battery=False,
            image=_image(tenant.id, 40 * n), low_threshold=5 if n < 3 else None))
    option = tenant_query(ProductOption, tenant).first()
    if option is not None:  # the headband is one of our products: its stock follows the warehouse
        items[0].product_id, items[0].option_id = option.product_id, option.id
    items.append(WarehouseItem(
        tenant_id=tenant.id, fnsku="D119000000000001", warehouse="ICN", owner_name=tenant.name,
        seller_sku="D119000000000001", name_zh="便携蓝牙无线耳机", name_en="Portable Bluetooth earphones",
        customs_value=Decimal("4.50"), weight_kg=Decimal("0.1"), width_cm=Decimal("10"), depth_cm=Decimal("8"),
        height_cm=Decimal("4"), has_battery=True, image=_image(tenant.id, 250), status=ITEM_REFUSED,
        refused_reason="리튬배터리 포함 상품은 MSDS 서류를 1:1 문의로 보내 주신 뒤 다시 신청해 주세요."))
    db.session.add_all(items)
    db.session.flush()

    def request_of(pairs):
        req = InboundRequest(tenant_id=tenant.id, no=new_number("IN", 8), created_by_id=user.id, lines=[
            InboundLine(tenant_id=tenant.id, item_id=item.id, quantity=qty, box_no=f"BOX-{k + 1}",
                        box_width_cm=Decimal("60"), box_depth_cm=Decimal("40"), box_height_cm=Decimal("40"))
            for k, (item, qty) in enumerate(pairs)])
        db.session.add(req)
        db.session.flush()
        return req

    done = request_of([(items[0], 30), (items[1], 12), (items[3], 20)])
    inbound.receive(done, {ln.id: str(ln.quantity) for ln in done.lines}, user)
    partial = request_of([(items[2], 10), (items[4], 100)])
    inbound.receive(partial, {partial.lines[0].id: "4"}, user)
    request_of([(items[1], 8)])  # 입고대기
    refused = request_of([(items[4], 50)])
    refused.status, refused.refused_reason = IN_REFUSED, "상자 파손으로 입고를 거부했습니다. 재포장 후 다시 신청해 주세요."

    centre = CoupangCentre.query.filter_by(active=True).order_by(CoupangCentre.id).first()
    common = dict(tenant_id=tenant.id, created_by_id=user.id, province="경기도", zipcode="10250",
                  recipient_phone="031-000-0000")
    milkrun = OutboundRequest(no=new_number("EO"), order_no="RG-20261201-01", po_no="12873360",
                              recipient_name="쿠팡 " + (centre.name if centre else ""), city="고양시",
                              address="쿠팡 물류센터", transport=MILKRUN, centre_id=centre.id if centre else None,
                              attachment=_attachment(tenant.id), attachment_name="쿠팡부착서_12873360.pdf",
                              status=OUT_PICKING,
                              lines=[OutboundLine(tenant_id=tenant.id, item_id=items[0].id, quantity=20)], **common)
    parcel = OutboundRequest(no=new_number("EO"), order_no="2026120412345", po_no=outbound.new_po_no(),
                             recipient_name="이수진", city="성남시 분당구", address="판교역로 235 101동 1001호",
                             transport=PARCEL, courier=outbound.courier(),
                             lines=[OutboundLine(tenant_id=tenant.id, item_id=items[3].id, quantity=2),
                                    OutboundLine(tenant_id=tenant.id, item_id=items[1].id, quantity=1)], **common)
    db.session.add_all([milkrun, parcel])
    db.session.flush()
    for req in (milkrun, parcel):
        for line in req.lines:
            move(tenant.id, line.item_id, -line.quantity, OUT_REQUESTED, req.no, user)
    db.session.commit()
    outbound.pick(parcel)
    outbound.ship(parcel, "564812345678")

