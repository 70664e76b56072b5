"""문의사항 처리: filters and counts, deadline colours, 저장 → 답변일괄전송 with a per-line outcome, never twice."""
from datetime import timedelta

from models import AnswerOutbox, AnswerTemplate, Inquiry
from models.base import utcnow
from portal.extensions import db

from .conftest import finish
from .test_collect import collect


def _collected(client, auth, app, qshop, *questions):
    asked = [qshop.ask(q, minutes_ago=m) for q, m in questions]
    auth.login()
    collect(client, app, [qshop.account.id])
    return [db.session.query(Inquiry).filter_by(channel_inquiry_id=a["inquiry_no"]).one() for a in asked]


def test_list_counts_filters_and_late_colour(client, auth, app, qshop):
    fresh, old = _collected(client, auth, app, qshop, ("색상 문의", 10), ("교환 문의드려요", 60 * 30))
    html = client.get("/inquiries/answer").get_data(as_text=True)
    assert f'data-inquiry="{old.id}" class="late"' in html      # 30 hours > the sandbox's 24
    assert f'data-inquiry="{fresh.id}" class=""' in html
    assert "기한초과" in html
    html = client.get("/inquiries/answer?q=교환&field=question").get_data(as_text=True)
    assert f'data-inquiry="{old.id}"' in html and f'data-inquiry="{fresh.id}"' not in html
    html = client.get("/inquiries/answer?late=1").get_data(as_text=True)
    assert f'data-inquiry="{old.id}"' in html and f'data-inquiry="{fresh.id}"' not in html
    client.post(f"/inquiries/answer/{fresh.id}/save", data={"answer": "네 가능합니다."})
    html = client.get("/inquiries/answer?days=1").get_data(as_text=True)
    assert 'data-count="saved">1<' in html
    assert f'data-inquiry="{old.id}"' not in html  # asked before yesterday
    resp = client.get("/inquiries/answer?format=xlsx")
    assert resp.status_code == 200 and resp.data[:2] == b"PK"


def test_template_variables_and_preview(client, auth, app, qshop):
    [inq] = _collected(client, auth, app, qshop, ("언제 와요?", 5))
    resp = client.post("/inquiries/templates", data={"title": "배송안내", "body": "{구매자명}님, {상품명} 오늘 출고됩니다. {고객}"})
    assert resp.status_code == 400 and "쓸 수 없는 변수입니다: {고객}" in resp.get_data(as_text=True)
    client.post("/inquiries/templates", data={"title": "배송안내", "body": "{구매자명}님, {상품명} 오늘 출고됩니다."})
    template = db.session.query(AnswerTemplate).one()
    text = client.get(f"/inquiries/templates/{template.id}/preview?inquiry_id={inq.id}").get_json()["text"]
    assert text == f"{inq.writer}님, {inq.product_name} 오늘 출고됩니다."


def test_bulk_send_reaches_the_channel_once(client, auth, app, qshop):
    a, b = _collected(client, auth, app, qshop, ("첫 질문", 5), ("두번째 질문", 6))
    resp = client.post("/inquiries/answer/send", data={"inquiry_ids": [a.id]})
    assert resp.status_code == 400 and "답변저장" in resp.get_json()["error"]
    for row, text in ((a, "답변 하나"), (b, "답변 둘")):
        client.post(f"/inquiries/answer/{row.id}/save", data={"answer": text})
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={"inquiry_ids": [a.id, b.id]}))
    assert run.status == "done" and run.ok_count == 2, lines
    assert qshop.remote(a.channel_inquiry_id)["answer"] == "답변 하나"
    assert qshop.remote(b.channel_inquiry_id)["answer"] == "답변 둘"
    posts = len(qshop.answer_posts())
    resp = client.post("/inquiries/answer/send", data={"inquiry_ids": [a.id]})
    assert resp.status_code == 400  # 전송완료 cannot be sent again
    assert len(qshop.answer_posts()) == posts


def test_timeout_after_apply_is_read_back_not_resent(client, auth, app, qshop):
    [inq] = _collected(client, auth, app, qshop, ("답변 주세요", 5))
    client.post(f"/inquiries/answer/{inq.id}/save", data={"answer": "확인했습니다."})
    qshop.market.fault("apply_then_504", "/answer", count=1)
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={"inquiry_ids": [inq.id]}))
    db.session.expire_all()
    row = db.session.get(Inquiry, inq.id)
    assert row.state == "ambiguous" and run.fail_count == 1
    assert len(qshop.answer_posts()) == 1
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={"inquiry_ids": [inq.id]}))
    db.session.expire_all()
    assert db.session.get(Inquiry, inq.id).state == "sent"
    assert any("재전송 안 함" in line for line in lines)
    assert len(qshop.answer_posts()) == 1   # the answer reached the channel exactly once


def test_rejected_answer_is_failed_with_the_channels_reason(client, auth, app, qshop):
    [inq] = _collected(client, auth, app, qshop, ("질문", 5))
    client.post(f"/inquiries/answer/{inq.id}/save", data={"answer": "답변"})
    qshop.market.fault("error_503", "/answer", count=5)
    [run], lines = finish(app, client.post(f"/inquiries/answer/{inq.id}/send", data={"answer": "답변"}))
    db.session.expire_all()
    row = db.session.get(Inquiry, inq.id)
    assert row.state in ("failed", "ambiguous") and row.message
    assert run.fail_count == 1


def test_save_refuses_empty_and_too_long(client, auth, app, qshop):
    [inq] = _collected(client, auth, app, qshop, ("질문", 5))
    resp = client.post(f"/inquiries/answer/{inq.id}/save", data={"answer": " "}, follow_redirects=True)
    assert "답변 내용을 입력해 주세요." in resp.get_data(as_text=True)
    resp = client.post(f"/inquiries/answer/{inq.id}/save", data={"answer": "가" * 2001}, follow_redirects=True)
    assert "2,000자까지 입력할 수 있습니다" in resp.get_data(as_text=True)
    assert db.session.query(AnswerOutbox).count() == 0


def test_stale_sending_row_of_a_killed_worker_is_read_back(client, auth, app, qshop):
    """A worker killed after posting: its row stays 'sending'; the next run reads the channel first."""
    from models import JobRun

    [inq] = _collected(client, auth, app, qshop, ("질문", 5))
    client.post(f"/inquiries/answer/{inq.id}/save", data={"answer": "먼저 간 답변"})
    qshop.edit(inq.channel_inquiry_id, answer="먼저 간 답변")   # the post landed, then the worker died
    dead = JobRun(kind="답변전송", func="jobs.inquiries.send_answers", tenant_id=inq.tenant_id, status="failed")
    db.session.add(dead)
    db.session.flush()
    db.session.add(AnswerOutbox(tenant_id=inq.tenant_id, inquiry_id=inq.id, text="먼저 간 답변", state="sending",
                                run_id=dead.id, attempts=1, updated_at=utcnow() - timedelta(minutes=30)))
    row = db.session.get(Inquiry, inq.id)
    row.state = "sending"
    db.session.commit()
    posts = len(qshop.answer_posts())
    row.state = "ambiguous"
    db.session.commit()
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={"inquiry_ids": [inq.id]}))
    db.session.expire_all()
    assert db.session.get(Inquiry, inq.id).state == "sent"
    assert len(qshop.answer_posts()) == posts


def test_every_page_shows_its_own_questions_from_first_to_last(client, auth, app, seller, qshop):
    """Pages in the older half are read from the oldest end; together the pages still list each question once."""
    import re

    now = utcnow()
    rows = [Inquiry(tenant_id=seller.id, account_id=qshop.account.id, channel="sandbox", channel_inquiry_id=f"P{n}",
                    title=f"문의 {n}", asked_at=now - timedelta(hours=n // 2),  # pairs share a time: id decides
                    state="sent" if n % 3 else "unanswered") for n in range(47)]
    db.session.add_all(rows)
    db.session.commit()
    auth.login()

    def listed(url):
        return [int(i) for i in re.findall(r'<tr data-inquiry="(\d+)"', client.get(url).get_data(as_text=True))]

    newest_first = sorted(rows, key=lambda r: (r.asked_at, r.id), reverse=True)
    pages = [listed(f"/inquiries/answer?page={p}") for p in (1, 2, 3)]
    assert [len(p) for p in pages] == [20, 20, 7]
    assert sum(pages, []) == [r.id for r in newest_first]
    sent = [r.id for r in newest_first if r.state == "sent"]  # 31 of them: the second page is the older half
    assert listed("/inquiries/answer?state=sent&page=2") == sent[20:]
    assert listed("/inquiries/answer?page=9") == pages[2]  # past the end: the last page
