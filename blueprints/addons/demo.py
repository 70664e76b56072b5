"""Demo 부가서비스: a 공지사항, the quote services and an answered 1:1 question of the demo seller."""
from models import QuoteService, SupportNotice, SupportQuestion, SupportReply, User
from models.base import utcnow
from portal.extensions import db
from portal.tenancy import tenant_query

from .services.notices import clean_html

SERVICES = [("데이터이전 대행", "다른 솔루션의 상품·주문 데이터를 옮겨 드립니다."),
            ("상품등록 대행", "상품 정보를 받아 대신 등록하고 제휴몰에 연동합니다."),
            ("상품 촬영", "대표이미지와 상세페이지용 사진을 촬영합니다.")]


def load_demo_addons(tenant) -> None:
    """Idempotent: each row is looked up by its title or name before it is added."""
    for name, description in SERVICES:
        if not db.session.query(QuoteService).filter_by(name=name).count():
            db.session.add(QuoteService(name=name, description=description))
    if not db.session.query(SupportNotice).filter_by(title="셀러 포털 문의관리 오픈 안내").count():
        db.session.add(SupportNotice(title="셀러 포털 문의관리 오픈 안내", pinned=True, body_html=clean_html(
            "<p>제휴몰 고객 문의를 <strong>문의관리 &gt; 문의사항 처리</strong>에서 한 번에 답변할 수 있습니다.</p>"
            "<ul><li>15분마다 자동 수집</li><li>상용구와 답변일괄전송</li></ul>")))
    master = db.session.query(User).filter_by(tenant_id=tenant.id, is_master=True).first()
    support = db.session.query(User).filter_by(is_support=True).first()
    title = "주문 수집 주기를 바꿀 수 있나요?"
    if master and not tenant_query(SupportQuestion, tenant).filter_by(title=title).count():
        question = SupportQuestion(tenant_id=tenant.id, title=title, author_id=master.id, state="answered",
                                   body="신규주문이 15분보다 빨리 들어왔으면 합니다.", answered_at=utcnow())
        db.session.add(question)
        db.session.flush()
        db.session.add(SupportReply(question_id=question.id, author_id=(support or master).id, from_support=True,
                                    body="주문서 가져오기에서 언제든 바로 수집할 수 있습니다. 자동수집은 15분마다 실행됩니다."))
    db.session.commit()
