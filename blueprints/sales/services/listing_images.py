"""The product images a listing sends: public addresses for channels that take them, stored files for uploads."""
import hashlib

from flask_babel import gettext as _

from sqlalchemy.exc import IntegrityError

from models import ChannelImage
from portal import public_images
from portal.extensions import db
from models.listing import ENDED
from portal.i18n import N_
from portal.tenancy import tenant_query

MSG_NO_PUBLIC_URL = N_("%(channel)s에는 이미지를 주소(URL)로 보내야 하는데, 포털의 공개 주소(PORTAL_PUBLIC_BASE_URL)가 "
                       "설정되지 않아 대표/추가/상세 이미지를 보낼 수 없습니다. 관리자에게 공개 주소 설정을 요청한 뒤 "
                       "다시 연동해 주세요.")
MSG_NO_MAIN_IMAGE = N_("%(channel)s에 상품을 등록하려면 대표 이미지가 필요합니다. 상품정보에서 대표 이미지를 "
                       "등록한 뒤 다시 연동해 주세요.")
MSG_RESUME_WITHOUT_IMAGE = N_("대표 이미지가 없어도 %(channel)s 판매재개(판매상태 변경)는 보냅니다. 판매기간·판매가·재고 "
                              "수정은 대표 이미지를 등록한 뒤 다시 연동해야 보냅니다.")


def names(product) -> tuple[list[str], str]:
    """Stored names: 대표 then 추가 images, and the 상품상세 image ("" = none)."""
    listed = [n for n in [product.main_image, *(product.extra_images or [])] if n]
    return listed, product.detail_image or ""


def has_images(product) -> bool:
    listed, detail = names(product)
    return bool(listed or detail)


def fill(dto, product, account_id: int | None = None) -> None:
    """Put the product's images on the channel DTO: addresses (when the portal has a public one), files,
    and the addresses the account's own image store already gave for pictures uploaded before."""
    listed, detail = names(product)
    tenant_id = product.tenant_id
    files = [public_images.stored_path(tenant_id, n) for n in listed]
    dto.image_files = tuple(f for f in files if f)
    dto.detail_image_file = public_images.stored_path(tenant_id, detail) or "" if detail else ""
    if account_id and (dto.image_files or dto.detail_image_file):
        digests = [d for d in map(_sha256, [*dto.image_files, dto.detail_image_file]) if d]
        dto.uploaded_images = {row.content_sha256: row.url for row in tenant_query(ChannelImage, tenant_id).filter(
            ChannelImage.account_id == account_id, ChannelImage.content_sha256.in_(digests))} if digests else {}
    if public_images.base_url():
        dto.image_urls = tuple(public_images.public_url(tenant_id, n) for n, f in zip(listed, files) if f)
        dto.detail_image_url = public_images.public_url(tenant_id, detail) if dto.detail_image_file else ""


def _sha256(path: str) -> str:
    """The content key an uploaded picture is kept by ("" for no file, or one gone meanwhile)."""
    if not path:
        return ""
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return ""


def remember_uploads(listing, dto) -> None:
    """Keep the addresses the channel's image store answered with during this write (by content), so
    the next write of any product of the account sends those pictures no more."""
    if not dto.uploaded_images:
        return
    known = {h for (h,) in tenant_query(ChannelImage, listing.tenant_id).filter(
        ChannelImage.account_id == listing.account_id).with_entities(ChannelImage.content_sha256)}
    new = {h: u for h, u in dto.uploaded_images.items() if h not in known}
    if not new:
        return
    db.session.add_all(ChannelImage(tenant_id=listing.tenant_id, account_id=listing.account_id,
                                    content_sha256=h, url=u[:500]) for h, u in new.items())
    try:
        db.session.commit()
    except IntegrityError:   # an overlapping job kept the same picture first: its address serves as well
        db.session.rollback()


def lacks_main_image(adapter, product) -> bool:
    """The channel refuses a product without a 대표 image and this one has none to send."""
    return bool(getattr(adapter, "requires_main_image", False)) and not names(product)[0]


def resumes_in_place(adapter, listing) -> bool:
    """판매재개 of this ended listing is a status change on the channel (no picture goes with it)."""
    return (listing.status == ENDED and bool(listing.channel_product_id)
            and "resume_listing" in adapter.capabilities())


def refusal(adapter, product) -> str | None:
    """연동 the channel would refuse for its pictures: no 대표 image where one is required, or images
    to a channel that takes only addresses without a public address."""
    if lacks_main_image(adapter, product):
        return _(MSG_NO_MAIN_IMAGE, channel=adapter.display_name)
    if adapter.image_transfer != "urls" or not has_images(product) or public_images.base_url():
        return None
    return _(MSG_NO_PUBLIC_URL, channel=adapter.display_name)


def preview_rows(listing, adapter, channel: str) -> list[tuple[str, str]]:
    """미리보기: which pictures go and how (an adapter without image_transfer is sent none)."""
    if adapter is not None and lacks_main_image(adapter, listing.product):
        if resumes_in_place(adapter, listing):
            return [(_("이미지"), _(MSG_RESUME_WITHOUT_IMAGE, channel=channel))]
        return [(_("이미지"), _(MSG_NO_MAIN_IMAGE, channel=channel))]
    transfer = adapter.image_transfer if adapter is not None else ""
    listed, detail = names(listing.product)
    if not (listed or detail):
        return []
    counts = _("대표 %(main)s개, 추가 %(extra)s개, 상세 %(detail)s개",
               main=1 if listing.product.main_image else 0, extra=len(listing.product.extra_images or []),
               detail=1 if detail else 0)
    if transfer == "files":
        how = _("이미지 파일을 제휴몰에 먼저 등록한 뒤 그 주소로 보냅니다.")
    elif transfer == "urls" and public_images.base_url():
        how = _("포털의 공개 이미지 주소로 보냅니다 (상세 이미지는 상세설명 아래).")
    elif transfer == "urls":
        how = _(MSG_NO_PUBLIC_URL, channel=channel)
    elif transfer == "refused":
        how = _("이 제휴몰은 자체 이미지 저장소에 올린 이미지만 받아, 이미지가 있는 상품은 연동하지 않습니다.")
    else:
        how = _("이 제휴몰에는 이미지를 보내지 않습니다.")
    return [(_("이미지"), f"{counts} · {how}")]
