"""부가서비스: 1:1 QNA from a failed job through the support panel and back, attachments, 공지사항, 견적요청."""
import io

from models import JobLine, JobRun, NoticeRead, QuoteEvent, QuoteRequest, QuoteService, SupportFile, SupportNotice
from models import SupportQuestion
from portal.extensions import db

from ..conftest import make_user


def _failed_run(tenant):
    run = JobRun(kind="주문서 수집 (샌드박스몰 본점)", func="jobs.orders.collect_orders", tenant_id=tenant.id,
                 status="failed")
    db.session.add(run)
    db.session.flush()
    db.session.add(JobLine(run_id=run.id, level="fail", text="샌드박스몰(본점) 주문 수집을 실패하였습니다: 인증 실패"))
    db.session.commit()
    return run


def test_question_from_a_failed_job_answered_in_the_panel(client, auth, app, seller, support):
    run = _failed_run(seller)
    auth.login()
    html = client.get(f"/addons/qna/new?run_id={run.id}").get_data(as_text=True)
    assert f"작업번호 {run.id}" in html and "인증 실패" in html
    resp = client.post("/addons/qna/new", data={
        "run_id": str(run.id), "title": f"[작업번호 {run.id}] 수집 실패", "body": "왜 실패하나요?",
        "files": [(io.BytesIO(b"\x89PNG\r\n\x1a\nxxxx"), "screen.png")]}, content_type="multipart/form-data")
    assert resp.status_code == 303
    question = db.session.query(SupportQuestion).one()
    assert question.run_id == run.id and db.session.query(SupportFile).count() == 1
    auth.logout()

    from blueprints.orders.services.notify import Notifier

    told = []

    class Capture(Notifier):
        label = "테스트"

        def send(self, tenant, subject, text):
            told.append((tenant.id, subject))

    app.config["ORDERS_NOTIFIER"] = Capture()
    auth.login("support01")
    html = client.get("/support-admin/support_desk/").get_data(as_text=True)
    assert f'data-question="{question.id}"' in html
    html = client.get(f"/support-admin/support_desk/qna/{question.id}").get_data(as_text=True)
    assert "인증 실패" in html and "screen.png" in html        # the job's log is attached
    resp = client.post(f"/support-admin/support_desk/qna/{question.id}", data={"body": "API 키를 다시 등록해 주세요."})
    assert resp.status_code == 302
    assert told == [(seller.id, f"[1:1 문의 답변] [작업번호 {run.id}] 수집 실패")]   # the seller is notified
    auth.logout()

    auth.login()
    html = client.get(f"/addons/qna/{question.id}").get_data(as_text=True)
    assert "API 키를 다시 등록해 주세요." in html and "답변완료" in html
    html = client.get("/addons/qna?answered=answered").get_data(as_text=True)
    assert f'data-question="{question.id}"' in html
    assert f'data-question="{question.id}"' not in client.get("/addons/qna?answered=waiting").get_data(as_text=True)


def test_attachments_are_checked_and_stay_with_their_tenant(client, auth, app, seller, other_seller):
    auth.login()
    resp = client.post("/addons/qna/new", data={
        "title": "첨부", "body": "내용",
        "files": [(io.BytesIO(b"MZ\x90\x00"), "virus.exe"), (io.BytesIO(b"<html>"), "fake.png")]},
        content_type="multipart/form-data")
    text = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "virus.exe: 올릴 수 없는 파일 형식입니다." in text and "fake.png: 확장자(png)와 파일 내용이 다릅니다." in text
    resp = client.post("/addons/qna/new", data={
        "title": "여섯 개", "body": "내용", "files": [(io.BytesIO(b"%PDF-1"), f"{i}.pdf") for i in range(6)]},
        content_type="multipart/form-data")
    assert resp.status_code == 400 and "최대 5개" in resp.get_data(as_text=True)
    assert db.session.query(SupportQuestion).count() == 0
    client.post("/addons/qna/new", data={"title": "ok", "body": "내용", "files": [(io.BytesIO(b"%PDF-1 ok"), "a.pdf")]},
                content_type="multipart/form-data")
    file = db.session.query(SupportFile).one()
    assert client.get(f"/addons/files/{file.id}").data == b"%PDF-1 ok"
    auth.logout()
    auth.login("sellerBmaster")
    assert client.get(f"/addons/files/{file.id}").status_code == 404


def test_notice_html_is_sanitised_and_unread_is_counted(client, auth, app, seller, support):
    auth.login("support01")
    resp = client.post("/support-admin/support_notices/new/", data={
        "title": "시스템 점검 안내", "body_html": '<p onclick="x()">점검<script>alert(1)</script><a href="javascript:x()">링크</a></p>',
        "files": [(io.BytesIO(b"%PDF-1.4 schedule"), "점검일정.pdf")]}, content_type="multipart/form-data")
    assert resp.status_code == 302
    notice = db.session.query(SupportNotice).one()
    assert "<script" not in notice.body_html and "onclick" not in notice.body_html and "javascript:" not in notice.body_html
    assert "점검" in notice.body_html
    auth.logout()
    auth.login()
    html = client.get("/addons/notices").get_data(as_text=True)
    assert 'data-badge="addons.notices">1<' in html
    html = client.get(f"/addons/notices/{notice.id}").get_data(as_text=True)
    assert "점검일정.pdf" in html and "alert(1)" not in html
    assert db.session.query(NoticeRead).count() == 1
    file = db.session.query(SupportFile).filter_by(owner_kind="notice").one()
    assert client.get(f"/addons/files/{file.id}").data == b"%PDF-1.4 schedule"
    assert 'data-badge="addons.notices"' not in client.get("/addons/notices").get_data(as_text=True)


def test_quote_request_quoted_by_support_accepted_by_seller(client, auth, app, seller, support):
    db.session.add(QuoteService(name="상품등록 대행"))
    db.session.commit()
    service = db.session.query(QuoteService).one()
    auth.login()
    assert "요청 내용을 입력해 주세요." in client.post("/addons/quotes", data={"service_id": service.id},
                                                   follow_redirects=True).get_data(as_text=True)
    client.post("/addons/quotes", data={"service_id": service.id, "content": "상품 300개 등록"})
    quote = db.session.query(QuoteRequest).one()
    assert client.post(f"/addons/quotes/{quote.id}/accept", follow_redirects=True).status_code == 200
    db.session.expire_all()
    assert db.session.get(QuoteRequest, quote.id).state == "requested"   # nothing to accept yet
    auth.logout()
    auth.login("support01")
    client.post(f"/support-admin/support_desk/quotes/{quote.id}", data={"amount": "150,000", "note": "5영업일"})
    auth.logout()
    auth.login()
    html = client.get("/addons/quotes").get_data(as_text=True)
    assert "150,000원" in html
    client.post(f"/addons/quotes/{quote.id}/accept")
    db.session.expire_all()
    assert db.session.get(QuoteRequest, quote.id).state == "accepted"
    assert [e.state for e in db.session.query(QuoteEvent).order_by(QuoteEvent.id)] == ["requested", "quoted", "accepted"]


def test_staff_without_inquiries_duty_does_not_see_the_menu(client, auth, app, seller):
    make_user("csstaff", seller, duties=["inquiries"])
    make_user("logistaff", seller, duties=["logistics"])
    auth.login("logistaff")
    assert 'data-menu="inquiries"' not in client.get("/addons/notices").get_data(as_text=True)
    assert client.get("/inquiries/answer").status_code == 403
    auth.logout()
    auth.login("csstaff")
    assert 'data-menu="inquiries"' in client.get("/addons/notices").get_data(as_text=True)
    assert client.get("/inquiries/answer").status_code == 200


def test_question_linked_to_own_order_only(client, auth, app, seller, other_seller):
    from tests.orders.sweep import owned_args

    theirs = owned_args(other_seller)["line_id"]
    mine = owned_args(seller)["line_id"]
    auth.login()
    resp = client.post("/addons/qna/new", data={"title": "주문 문의", "body": "내용", "link_kind": "order",
                                                "link_id": str(theirs)})
    assert resp.status_code == 400 and "연결할 주문을(를) 찾을 수 없습니다." in resp.get_data(as_text=True)
    client.post("/addons/qna/new", data={"title": "주문 문의", "body": "내용", "link_kind": "order", "link_id": str(mine)})
    question = db.session.query(SupportQuestion).one()
    html = client.get(f"/addons/qna/{question.id}").get_data(as_text=True)
    assert f"/orders/lines/{mine}/history" in html
