"""Naver sandbox product images: 상품 이미지 다건 등록 (multipart imageFiles) and the check that a
product names only addresses this upload answered with."""
from __future__ import annotations

import hashlib

from flask import g, jsonify, request

from .auth import bp, error

MAX_FILES = 10   # "최대 10개까지 등록 가능"
# "업로드할 수 있는 이미지의 형식은 JPG, GIF, PNG, BMP입니다": judged by the file's own bytes.
SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
              (b"\x89PNG\r\n\x1a\n", "png"), (b"BM", "bmp"))
HOST = "https://shop-phinf.pstatic.net"


def _kind(data: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def _sign(shop_id, digest: str) -> str:
    return hashlib.sha256(f"sandbox-naver-image:{shop_id}:{digest}".encode()).hexdigest()[:12]


def image_url(shop_id, data: bytes, kind: str) -> str:
    digest = hashlib.sha256(data).hexdigest()[:24]
    return f"{HOST}/sandbox/{_sign(shop_id, digest)}_{digest}.{kind}"


def issued_here(shop_id, url) -> bool:
    """Only an address this shop's upload answered with (the document accepts no other)."""
    if not isinstance(url, str) or not url.startswith(f"{HOST}/sandbox/"):
        return False
    stem = url.rsplit("/", 1)[1].split(".", 1)[0]
    sign, _sep, digest = stem.partition("_")
    return bool(digest) and sign == _sign(shop_id, digest)


def _bad(message, name="imageFiles"):
    return error(400, "BAD_REQUEST", message, [{"name": name, "type": "INVALID", "message": message}])


@bp.post("/v1/product-images/upload")
def upload_images():
    if not (request.content_type or "").startswith("multipart/form-data"):
        return _bad("multipart/form-data 형식으로 이미지를 전송해 주세요.")
    files = request.files.getlist("imageFiles")
    if not files:
        return _bad("imageFiles 값이 필요합니다.")
    if len(files) > MAX_FILES:
        return _bad(f"이미지는 최대 {MAX_FILES}개까지 등록할 수 있습니다.")
    urls = []
    for n, upload in enumerate(files):
        data = upload.read()
        kind = _kind(data)
        if kind is None:
            return _bad("업로드할 수 있는 이미지의 형식은 JPG, GIF, PNG, BMP입니다.", f"imageFiles[{n}]")
        urls.append({"url": image_url(g.shop["id"], data, kind)})
    return jsonify(images=urls)


def invalid_images(origin) -> str | None:
    """originProduct.images of create/replace: the 대표 image is required, at most 9 추가 images,
    every address one the image upload answered with."""
    block = origin.get("images")
    if not isinstance(block, dict):
        return "originProduct.images.representativeImage.url"
    rep = (block.get("representativeImage") or {}).get("url")
    extra = [(i or {}).get("url") for i in block.get("optionalImages") or []]
    if not rep:
        return "originProduct.images.representativeImage.url"
    if len(extra) > 9:
        return "originProduct.images.optionalImages"
    if not all(issued_here(g.shop["id"], u) for u in [rep, *extra]):
        return "originProduct.images"
    return None
