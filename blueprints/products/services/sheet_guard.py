"""Upload safety for 상품대량등록/수정: the xlsx and the image zip are checked before use.

The sheet goes through the shared upload guard (portal.services.upload_guard) with this menu's
messages: not an xlsx, a zip or XML bomb, an empty sheet or more rows than MAX_ROWS are refused;
cells holding a formula are reported per row so the row can be refused.
The optional image zip gets the same bomb guards, an entry limit, and no path that could
point outside a folder (it is never unpacked to disk, but such a zip is no honest upload).
"""
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from flask_babel import gettext

from portal.services import upload_guard
from portal.services.upload_guard import CHUNK, MAX_RATIO, Messages, UploadRefused
from portal.i18n import N_

from . import RuleViolation

MAX_ROWS = 20_000  # data rows in one upload (the documented limit on the page and template)
MAX_IMAGE_FILES = 1_000  # entries in one image zip, folders included
MAX_IMAGES_UNPACKED = 500 * 1024 * 1024  # the image zip's files together, uncompressed

MSG_NOT_XLSX = (N_("엑셀(xlsx) 파일이 아닙니다. 상품대량등록 양식을 내려받아 입력한 뒤 "
                "'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요."))
MSG_BOMB = N_("압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다. 엑셀에서 새 파일로 저장해 올려 주세요.")
MSG_DTD = N_("엑셀 파일에 허용되지 않는 XML 선언(DTD/ENTITY)이 있어 열지 않았습니다.")
MSG_EMPTY = N_("엑셀 파일에 상품 행이 없습니다. 양식의 2행부터 한 행에 상품 하나씩 입력해 주세요.")
MSG_TOO_MANY = (N_("한 번에 올릴 수 있는 상품은 최대 {limit:,}행입니다. "
                "파일을 {limit:,}행 이하로 나누어 올려 주세요."))
MSG_ZIP_BAD = (N_("이미지 압축파일을 열 수 없습니다. jpg 파일들을 zip 형식으로 다시 압축해 "
               "올려 주세요. (암호가 걸린 압축파일은 열 수 없습니다)"))
MSG_ZIP_BOMB = (N_("이미지 압축파일이 압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다. "
                "jpg 파일들을 zip으로 다시 압축해 올려 주세요."))
MSG_ZIP_TOO_MANY = (N_("이미지 압축파일에는 파일을 최대 {limit:,}개까지 넣을 수 있습니다. "
                    "엑셀 파일과 이미지 압축파일을 나누어 올려 주세요."))
MSG_ZIP_PATH = (N_("이미지 압축파일에 허용되지 않는 경로({name})가 있어 열지 않았습니다. "
                "'..'이나 절대경로 없이 jpg 파일들만 압축해 올려 주세요."))
MSG_ZIP_TWICE = (N_("이미지 압축파일에 같은 이름의 파일({name})이 여러 개 있습니다. "
                 "파일명이 서로 다르게 압축해 올려 주세요."))
MSG_FORMULA = N_("수식이 들어 있는 셀({cells})은 읽지 않습니다. 수식 대신 값을 입력해 주세요.")

PRODUCT_MESSAGES = Messages(not_sheet=MSG_NOT_XLSX, bomb=MSG_BOMB, dtd=MSG_DTD, empty=MSG_EMPTY,
                            too_many=MSG_TOO_MANY)


@dataclass
class SheetScan(upload_guard.SheetScan):
    def formula_reason(self, row_number: int) -> str | None:
        cells = self.formulas.get(row_number)
        return gettext(MSG_FORMULA).format(cells=", ".join(cells)) if cells else None


def inspect(path: str) -> SheetScan:
    """Raise RuleViolation with the seller's message, or describe the first sheet."""
    try:
        scan = upload_guard.inspect_xlsx(path, MAX_ROWS, PRODUCT_MESSAGES)
    except UploadRefused as refused:
        raise RuleViolation(str(refused)) from None
    return SheetScan(rows=scan.rows, formulas=scan.formulas)


def inspect_images(path: str) -> dict[str, zipfile.ZipInfo]:
    """The image zip's files by lower-case base name (folders in the zip do not matter).

    Raise RuleViolation for a bad zip, a bomb, too many entries or a '..'/absolute path.
    Every file is inflated once here, so the sizes used later are the real ones.
    """
    files = {}
    try:
        with open(path, "rb") as raw, zipfile.ZipFile(raw) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_IMAGE_FILES:
                raise RuleViolation(gettext(MSG_ZIP_TOO_MANY).format(limit=MAX_IMAGE_FILES))
            for info in infos:
                if _unsafe_path(info.filename):
                    raise RuleViolation(gettext(MSG_ZIP_PATH).format(name=info.filename))
            packed = sum(i.compress_size for i in infos)
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_IMAGES_UNPACKED or unpacked > MAX_RATIO * max(CHUNK, packed) or any(
                    i.file_size > CHUNK and i.file_size > MAX_RATIO * max(1, i.compress_size)
                    for i in infos):
                raise RuleViolation(gettext(MSG_ZIP_BOMB))
            budget = [MAX_IMAGES_UNPACKED]
            for info in infos:
                if info.flag_bits & 0x1:
                    raise RuleViolation(gettext(MSG_ZIP_BAD))  # encrypted
                for _ in _inflate(raw, info, budget, gettext(MSG_ZIP_BOMB)):
                    pass
                base = info.filename.rsplit("/", 1)[-1]
                if info.is_dir() or not base or _hidden(info.filename):
                    continue
                if base.lower() in files:
                    raise RuleViolation(gettext(MSG_ZIP_TWICE).format(name=base))
                files[base.lower()] = info
    except (zipfile.BadZipFile, zlib.error, struct.error, OSError, KeyError, ValueError):
        raise RuleViolation(gettext(MSG_ZIP_BAD)) from None
    return files


def read_image(raw, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Up to `limit` bytes of a file inspect_images() listed, from the open zip `raw`."""
    data = bytearray()
    for chunk in _inflate(raw, info, [limit + CHUNK], gettext(MSG_ZIP_BOMB)):
        data += chunk
        if len(data) >= limit:
            break
    return bytes(data[:limit])


def _unsafe_path(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return (name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) is not None
            or ".." in parts)


def _hidden(name: str) -> bool:
    """Files a Mac or Windows adds by itself when zipping a folder: never a product image."""
    base = name.rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base.startswith("._") or base.lower() in (
        ".ds_store", "thumbs.db")


def _inflate(raw, info: zipfile.ZipInfo, budget: list[int], bomb: str = gettext(MSG_BOMB)):
    """The shared inflater (portal.services.upload_guard), refusing with this menu's exception."""
    try:
        yield from upload_guard.inflate(raw, info, budget, bomb)
    except UploadRefused as refused:
        raise RuleViolation(str(refused)) from None
