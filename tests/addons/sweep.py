"""Ids of 부가서비스 rows for the URL-map sweep: seller A's 1:1 question with a file and a quote request.

A 공지사항 belongs to no seller: every signed-in seller reads it, so its id is a public argument.
"""
import io

from werkzeug.datastructures import FileStorage

from models import QuoteRequest, QuoteService, SupportNotice, SupportQuestion, User
from portal.extensions import db

PUBLIC_ARGS = {"action": "accept"}


def owned_args(tenant) -> dict:
    from blueprints.addons.services.files import check_uploads, store_files

    author = db.session.query(User).filter_by(tenant_id=tenant.id).first()
    question = SupportQuestion(tenant_id=tenant.id, title="스윕 문의", body="내용", author_id=author.id)
    service = QuoteService(name="스윕 서비스")
    notice = SupportNotice(title="스윕 공지", body_html="<p>공지</p>")
    db.session.add_all([question, service, notice])
    db.session.flush()
    quote = QuoteRequest(tenant_id=tenant.id, service_id=service.id, content="요청", author_id=author.id)
    db.session.add(quote)
    [file] = store_files(check_uploads([FileStorage(io.BytesIO(b"%PDF-1.4 sweep"), "a.pdf")]), "question",
                         question.id, tenant.id)
    db.session.commit()
    PUBLIC_ARGS["notice_id"] = notice.id
    return {"question_id": question.id, "quote_id": quote.id, "file_id": file.id}
