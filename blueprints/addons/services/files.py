"""Attachments of 1:1 questions and 공지사항: type and size checked, stored outside the web root, served by owner."""
import os
import uuid

from flask import current_app
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from models import SupportFile
from portal.extensions import db

from . import RuleViolation

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
# Extension → the first bytes the file must start with (None: a text format with no signature).
SIGNATURES = {
    "jpg": [b"\xff\xd8\xff"], "jpeg": [b"\xff\xd8\xff"], "png": [b"\x89PNG\r\n\x1a\n"], "gif": [b"GIF87a", b"GIF89a"],
    "pdf": [b"%PDF-"], "xlsx": [b"PK\x03\x04"], "docx": [b"PK\x03\x04"], "pptx": [b"PK\x03\x04"],
    "zip": [b"PK\x03\x04"], "xls": [b"\xd0\xcf\x11\xe0"], "hwp": [b"\xd0\xcf\x11\xe0"], "csv": None, "txt": None,
}
MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "pdf": "application/pdf",
        "csv": "text/csv", "txt": "text/plain"}


def files_dir() -> str:
    return current_app.config.get("SUPPORT_FILES_DIR") or os.path.join(current_app.instance_path, "support-files")


def check_uploads(uploads) -> list[tuple[object, str, bytes]]:
    """Every reason of every refused file at once; returns (upload, extension, content) of the good ones."""
    uploads = [u for u in uploads or [] if u and u.filename]
    if len(uploads) > MAX_FILES:
        raise RuleViolation(_("첨부파일은 최대 %(MAX_FILES)s개까지 올릴 수 있습니다. (선택 %(len)s개)",
                              MAX_FILES=MAX_FILES, len=len(uploads)))
    good, reasons = [], []
    for upload in uploads:
        name = upload.filename
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        data = upload.read()
        if ext not in SIGNATURES:
            reasons.append(_("%(name)s: 올릴 수 없는 파일 형식입니다. (%(join)s)",
                             name=name, join=', '.join(sorted(SIGNATURES))))
        elif len(data) > MAX_BYTES:
            reasons.append(_("%(name)s: 파일 크기는 %(value)sMB 이하여야 합니다.",
                             name=name, value=MAX_BYTES // 1024 // 1024))
        elif not data:
            reasons.append(_("%(name)s: 빈 파일입니다.", name=name))
        elif SIGNATURES[ext] and not any(data.startswith(sig) for sig in SIGNATURES[ext]):
            reasons.append(_("%(name)s: 확장자(%(ext)s)와 파일 내용이 다릅니다.", name=name, ext=ext))
        else:
            good.append((upload, ext, data))
    if reasons:
        raise RuleViolation(" / ".join(reasons))
    return good


def store_files(checked, owner_kind: str, owner_id: int, tenant_id: int | None) -> list[SupportFile]:
    folder = os.path.join(files_dir(), str(tenant_id or 0))
    os.makedirs(folder, exist_ok=True)
    rows = []
    for upload, ext, data in checked:
        stored = f"{uuid.uuid4().hex}.{ext}"
        with open(os.path.join(folder, stored), "wb") as fh:
            fh.write(data)
        original = upload.filename.replace("/", "_").replace("\\", "_")[:200] or secure_filename(stored)
        row = SupportFile(tenant_id=tenant_id, owner_kind=owner_kind, owner_id=owner_id, filename=original,
                          stored_name=stored, content_type=MIME.get(ext, "application/octet-stream"), size=len(data))
        db.session.add(row)
        rows.append(row)
    return rows


def files_of(owner_kind: str, owner_id: int) -> list[SupportFile]:
    return (db.session.query(SupportFile).filter_by(owner_kind=owner_kind, owner_id=owner_id)
            .order_by(SupportFile.id).all())


def path_of(row: SupportFile) -> str:
    return os.path.join(files_dir(), str(row.tenant_id or 0), row.stored_name)


def may_read(row: SupportFile, user) -> bool:
    """Support staff read every file; a seller's users read their own tenant's and the 공지사항 ones."""
    if user.is_support:
        return True
    if row.owner_kind == "notice":
        return True
    return row.tenant_id is not None and row.tenant_id == user.tenant_id
