"""상품대량등록/수정 images: 대표이미지/추가이미지 cells judged against the uploaded zip, then stored.

A row names its images by file name; the files come in one optional zip uploaded beside the
sheet. Each named file is judged by the form's rules (images.check_upload: jpg only, 3MB or
less, latin/digit names) and must be in the zip; a row whose images are all good has them
stored the form's way (1000×1000) under a name taken from their content, so the same sheet
and zip uploaded again store nothing new and change no product. Rows without image cells
never reach this module (the importer asks `named(row)` first).
"""
import io

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.i18n import N_, ko

from . import images, sheet_guard

KEYS = ("main_image", "extra_images")
MAIN, EXTRA = ko("대표이미지"), ko("추가이미지")  # the sheet's own headers, named as the file names them
MSG_MISSING = N_("이미지 압축파일에 없는 파일입니다.")
MSG_NO_ZIP = N_("이미지 압축파일(zip)을 엑셀 파일과 함께 올려 주세요.")


def named(row: dict) -> bool:
    """Whether the row fills an image cell (row_dict leaves out blank cells)."""
    return "main_image" in row or "extra_images" in row


def extra_names(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class ImageZip:
    """The upload's image zip (or none): judge(row), then store(row) for a row that passed."""

    def __init__(self, path: str | None, tenant_id: int):
        """Raise RuleViolation for a zip sheet_guard refuses; path None: no zip was uploaded."""
        self.tenant_id = tenant_id
        self.files = sheet_guard.inspect_images(path) if path else None
        self._raw = open(path, "rb") if path else None
        self._problems: dict[str, str | None] = {}  # a name named by many rows is judged once
        self._stored: dict[str, str] = {}  # ... and stored once

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None

    def judge(self, row: dict) -> list[str]:
        """The row's image messages, each naming its column and file; [] when all are good."""
        messages = []
        extras = extra_names(row.get("extra_images", ""))
        if len(extras) > images.MAX_EXTRA:
            messages.append(images.MSG_EXTRA)
        for column, name in self._wanted(row.get("main_image", ""), extras):
            problem = self._problem(name)
            if problem:
                messages.append(f"{column} {name}: {problem}")
        return messages

    def store(self, row: dict) -> dict:
        """Stored names of a judged row: main_image and/or extra_images, for the cells given."""
        stored = {}
        if row.get("main_image"):
            stored["main_image"] = self._store(row["main_image"])
        if row.get("extra_images"):
            stored["extra_images"] = [self._store(n) for n in extra_names(row["extra_images"])]
        return stored

    @staticmethod
    def _wanted(main: str, extras: list[str]):
        if main:
            yield MAIN, main
        for name in extras:
            yield EXTRA, name

    def _problem(self, name: str) -> str | None:
        if name not in self._problems:
            self._problems[name] = self._judge(name)
        return self._problems[name]

    def _judge(self, name: str) -> str | None:
        # The name first, in the form's order, so a 한글 name is told so even if it is missing.
        if not name.lower().endswith((".jpg", ".jpeg")):
            return images.MSG_TYPE
        if not images.UPLOAD_NAME.fullmatch(name):
            return images.MSG_NAME
        if self.files is None:
            return _(MSG_NO_ZIP)
        info = self.files.get(name.lower())
        if info is None:
            return _(MSG_MISSING)
        if info.file_size > images.MAX_BYTES:  # the real size: inspect_images inflated it
            return images.MSG_SIZE
        return images.check_upload(self._upload(name))

    def _upload(self, name: str) -> FileStorage:
        data = sheet_guard.read_image(self._raw, self.files[name.lower()], images.MAX_BYTES + 1)
        return FileStorage(stream=io.BytesIO(data), filename=name)

    def _store(self, name: str) -> str:
        if name not in self._stored:
            data = self._upload(name).stream.getvalue()
            self._stored[name] = images.store_content(self.tenant_id, data)
        return self._stored[name]
