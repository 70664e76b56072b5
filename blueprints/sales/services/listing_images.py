"""The product images a listing sends: public addresses for channels that take them, stored files for uploads."""
from flask_babel import gettext as _

from portal import public_images
from portal.i18n import N_

MSG_NO_PUBLIC_URL = N_("%(channel)s에는 이미지를 주소(URL)로 보내야 하는데, 포털의 공개 주소(PORTAL_PUBLIC_BASE_URL)가 "
                       "설정되지 않아 대표/추가/상세 이미지를 보낼 수 없습니다. 관리자에게 공개 주소 설정을 요청한 뒤 "
                       "다시 연동해 주세요.")


def names(product) -> tuple[list[str], str]:
    """Stored names: 대표 then 추가 images, and the 상품상세 image ("" = none)."""
    listed = [n for n in [product.main_image, *(product.extra_images or [])] if n]
    return listed, product.detail_image or ""


def has_images(product) -> bool:
    listed, detail = names(product)
    return bool(listed or detail)


def fill(dto, product) -> None:
    """Put the product's images on the channel DTO: addresses (when the portal has a public one) and files."""
    listed, detail = names(product)
    tenant_id = product.tenant_id
    files = [public_images.stored_path(tenant_id, n) for n in listed]
    dto.image_files = tuple(f for f in files if f)
    dto.detail_image_file = public_images.stored_path(tenant_id, detail) or "" if detail else ""
    if public_images.base_url():
        dto.image_urls = tuple(public_images.public_url(tenant_id, n) for n, f in zip(listed, files) if f)
        dto.detail_image_url = public_images.public_url(tenant_id, detail) if dto.detail_image_file else ""


def refusal(adapter, product) -> str | None:
    """연동 of a product with images to a channel that takes only addresses, without a public address."""
    if adapter.image_transfer != "urls" or not has_images(product) or public_images.base_url():
        return None
    return _(MSG_NO_PUBLIC_URL, channel=adapter.display_name)
