"""Files of 창고관리: item images and the 쿠팡 부착서 of a milk-run, checked and kept per tenant."""
import io
import os
import re
import uuid

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.queues import job_files_dir

IMAGE_MAX = 3 * 1024 * 1024
ATTACHMENT_MAX = 10 * 1024 * 1024
STORED = re.compile(r"[0-9a-f]{32}\.(jpg|pdf|png|xlsx)")
# 쿠팡 부착서 (the label sheet Coupang issues for a milk-run): PDF as issued, or a scan or sheet.
ATTACHMENT_KINDS = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",),
                    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".xlsx": (b"PK\x03\x04",)}


def is_given(upload) -> bool:
    return upload is not None and bool(getattr(upload, "filename", ""))


def folder(tenant_id: int) -> str:
    path = os.path.join(job_files_dir(), "warehouse", str(int(tenant_id)))
    os.makedirs(path, exist_ok=True)
    return path


def path_for(tenant_id: int, name: str) -> str | None:
    """Only a stored name inside this tenant's folder resolves; anything else is None (404)."""
    if not STORED.fullmatch(name or ""):
        return None
    path = os.path.join(folder(tenant_id), name)
    return path if os.path.isfile(path) else None


def _read(upload, limit: int) -> bytes:
    upload.stream.seek(0)
    data = upload.stream.read(limit + 1)
    upload.stream.seek(0)
    return data


def check_image(upload) -> str | None:
    """상품이미지: jpg or png, at most 3 MB, a picture Pillow can read."""
    if not (upload.filename or "").lower().endswith((".jpg", ".jpeg", ".png")):
        return _("상품이미지는 jpg, png 파일만 등록할 수 있습니다.")
    data = _read(upload, IMAGE_MAX)
    if len(data) > IMAGE_MAX:
        return _("상품이미지는 3MB 이하만 등록할 수 있습니다.")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in ("JPEG", "PNG"):
                return _("상품이미지는 jpg, png 파일만 등록할 수 있습니다.")
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return _("상품이미지를 읽을 수 없습니다. 다른 파일을 올려 주세요.")
    return None


def store_image(tenant_id: int, upload) -> str:
    """Re-encoded as jpg within 1000×1000: nothing but the picture is kept."""
    with Image.open(io.BytesIO(_read(upload, IMAGE_MAX))) as img:
        img = ImageOps.exif_transpose(img).convert("RGB")
        img.thumbnail((1000, 1000))
        name = f"{uuid.uuid4().hex}.jpg"
        img.save(os.path.join(folder(tenant_id), name), "JPEG", quality=88)
    return name


def check_attachment(upload) -> str | None:
    """쿠팡 부착서: pdf, jpg, png or xlsx of at most 10 MB whose content is what its name says."""
    ext = os.path.splitext((upload.filename or "").lower())[1]
    if ext not in ATTACHMENT_KINDS:
        return _("쿠팡 부착서는 pdf, jpg, png, xlsx 파일만 첨부할 수 있습니다.")
    data = _read(upload, ATTACHMENT_MAX)
    if len(data) > ATTACHMENT_MAX:
        return _("쿠팡 부착서는 10MB 이하만 첨부할 수 있습니다.")
    if not data.startswith(ATTACHMENT_KINDS[ext]):
        return _("쿠팡 부착서 파일의 내용이 확장자와 다릅니다. 쿠팡에서 받은 파일을 그대로 첨부해 주세요.")
    return None


def store_attachment(tenant_id: int, upload) -> tuple[str, str]:
    """(stored name, the name shown): the shown name keeps letters, digits and a few marks only."""
    ext = os.path.splitext(upload.filename.lower())[1].replace(".jpeg", ".jpg")
    name = f"{uuid.uuid4().hex}{ext}"
    with open(os.path.join(folder(tenant_id), name), "wb") as fh:
        fh.write(_read(upload, ATTACHMENT_MAX))
    shown = re.sub(r"[^\w.\- ()]", "_", os.path.basename(upload.filename))[:200]
    return name, shown
