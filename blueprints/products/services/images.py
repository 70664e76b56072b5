"""Product images: jpg only, at most 3 MB, latin/digit names; stored 1000×1000 per tenant folder."""
import hashlib
import io
import os
import re
import uuid

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError
from flask_babel import gettext as _

from portal.i18n import N_

MAX_BYTES = 3 * 1024 * 1024
SIZE = (1000, 1000)
DETAIL_WIDTH = 860  # 상세설명 images: the width most channels' detail pages show
MAX_EXTRA = 2  # 추가이미지: some channels show only two
STORED_NAME = re.compile(r"[0-9a-f]{32}\.jpg")
UPLOAD_NAME = re.compile(r"[A-Za-z0-9]+\.(jpg|jpeg)", re.IGNORECASE)

MSG_TYPE = N_("이미지는 jpg 파일만 등록할 수 있습니다.")
MSG_NAME = N_("이미지 파일명은 영문/숫자의 조합만 가능합니다. (특수문자, 공백 사용불가)")
MSG_SIZE = N_("이미지는 3MB 이하만 등록할 수 있습니다.")
MSG_EXTRA = N_("추가이미지는 최대 2개까지 등록할 수 있습니다.")



def is_given(upload) -> bool:
    return upload is not None and bool(getattr(upload, "filename", ""))


def check_upload(upload) -> str | None:
    """The guide's 참고사항: 1000X1000, 3MB이하, jpg만 가능, 파일명은 영문/숫자의 조합만 가능."""
    filename = upload.filename or ""
    if not filename.lower().endswith((".jpg", ".jpeg")):
        return _(MSG_TYPE)
    if not UPLOAD_NAME.fullmatch(filename):
        return _(MSG_NAME)
    data = _read(upload)
    if len(data) > MAX_BYTES:
        return _(MSG_SIZE)
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format != "JPEG":
                return _(MSG_TYPE)
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return _(MSG_TYPE)
    return None


def _read(upload) -> bytes:
    upload.stream.seek(0)
    data = upload.stream.read(MAX_BYTES + 1)
    upload.stream.seek(0)
    return data


def folder(tenant_id: int) -> str:
    path = os.path.join(current_app.instance_path, "uploads", str(int(tenant_id)))
    os.makedirs(path, exist_ok=True)
    return path


def store(tenant_id: int, upload) -> str:
    """Resize onto a white 1000×1000 square (channels resize from there) and save as jpg."""
    name = f"{uuid.uuid4().hex}.jpg"
    _save_square(_read(upload), os.path.join(folder(tenant_id), name))
    return name


def store_detail(tenant_id: int, upload) -> str:
    """상품상세 이미지: a long picture keeps its shape, at most DETAIL_WIDTH wide, saved as jpg."""
    name = f"{uuid.uuid4().hex}.jpg"
    with Image.open(io.BytesIO(_read(upload))) as img:
        img = ImageOps.exif_transpose(img).convert("RGB")
        if img.width > DETAIL_WIDTH:
            img = img.resize((DETAIL_WIDTH, round(img.height * DETAIL_WIDTH / img.width)))
    img.save(os.path.join(folder(tenant_id), name), "JPEG", quality=88)
    return name


def store_content(tenant_id: int, data: bytes) -> str:
    """store() for a checked file's bytes, named after its content (bulk uploads).

    The same picture uploaded again gets the same stored name, so a sheet uploaded twice
    changes no product; a file already stored is not resized again.
    """
    name = f"{hashlib.sha256(data).hexdigest()[:32]}.jpg"
    path = os.path.join(folder(tenant_id), name)
    if not os.path.isfile(path):
        partial = f"{path}.{uuid.uuid4().hex}.part"  # two jobs storing one file never mix
        _save_square(data, partial)
        os.replace(partial, path)
    return name


def _save_square(data: bytes, path: str) -> None:
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img).convert("RGB")
        square = ImageOps.pad(img, SIZE, color=(255, 255, 255))
    square.save(path, "JPEG", quality=88)


def path_for(tenant_id: int, name: str) -> str | None:
    """Only a stored name inside this tenant's folder resolves; anything else is None (404)."""
    if not STORED_NAME.fullmatch(name or ""):
        return None
    path = os.path.join(folder(tenant_id), name)
    return path if os.path.isfile(path) else None
