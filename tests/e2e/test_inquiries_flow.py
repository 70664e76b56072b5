"""In the browser: 상담내역 가져오기 → answer with a 상용구 → 답변일괄전송 reaches the sandbox; a failed job → 1:1
문의하기 → support answers in the panel → the seller reads the answer."""
import re

import pytest
from playwright.sync_api import expect

from models import AnswerTemplate, SupportQuestion
from portal.extensions import db

from ..conftest import PASSWORD
from ..orders.conftest import add_account
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def _login(page, login_id):
    page.goto("/login")
    page.fill("#login_id", login_id)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")


def _wait_job(page, status="done"):
    try:
        page.wait_for_selector(f"#job-window[data-status={status}]", timeout=30000)
    except Exception:
        screenshot(page, "inquiries-job-timeout")
        print(page.inner_text("#job-window"))
        raise


def test_collect_answer_with_template_and_ask_support(page, live_server, seller, support, fresh_sandbox):
    app = live_server.app
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    with app.app_context():
        account_id = add_account(seller, "sandbox", "본점").id
        db.session.add(AnswerTemplate(tenant_id=seller.id, title="배송안내", body="{구매자명}님, {상품명} 오늘 출고됩니다."))
        db.session.commit()
    shop_id = fresh_sandbox.shop_id("sandbox")
    product = fresh_sandbox.ops("GET", f"/shops/{shop_id}/products")["products"][0]
    asked = fresh_sandbox.ops("POST", f"/shops/{shop_id}/inquiries", json={
        "question": "언제 받을 수 있나요?", "product_no": product["product_no"], "product_name": product["name"],
        "writer": "choi***", "hours_ago": 0.1})["inquiry"]
    page.on("dialog", lambda dialog: dialog.accept())

    _login(page, "sellerAmaster")
    page.goto("/inquiries/collect")
    page.check(f"input[name=account_ids][value='{account_id}']")
    page.click("#collect-form button[type=submit]")
    _wait_job(page)
    assert "상담내역 수집을 성공하였습니다" in page.inner_text("[data-job-lines]")
    page.click("[data-job-close] >> nth=1")

    page.goto("/inquiries/answer")
    page.click("#inquiry-list a:has-text('언제 받을 수 있나요?')")
    page.wait_for_load_state("load")  # the template picker's script is bound once the page has loaded
    page.select_option("#template-pick", label="배송안내")
    # a locator expectation polls from Playwright's side: the page's CSP forbids evaluating strings in it
    expect(page.locator("#answer")).to_have_value(re.compile(r"choi\*\*\*님"))
    assert product["name"] in page.input_value("#answer")
    page.click("#save-answer")
    assert "답변을 저장했습니다" in page.inner_text("main")
    screenshot(page, "inquiries-detail")

    page.goto("/inquiries/answer?state=saved")
    page.check("#inquiry-list input[name=inquiry_ids]")
    page.click("#bulk-send-button")
    _wait_job(page)
    assert "답변전송에 성공하였습니다" in page.inner_text("[data-job-lines]")
    screenshot(page, "inquiries-sent")
    remote = fresh_sandbox.ops("GET", f"/shops/{shop_id}/inquiries/{asked['inquiry_no']}")["inquiry"]
    assert remote["answer"] == f"choi***님, {product['name']} 오늘 출고됩니다."
    page.click("[data-job-close] >> nth=1")
    page.wait_for_load_state()
    assert page.locator("#state-counts [data-count=sent]").inner_text() == "1"   # the list shows the outcome

    # A collection that fails: its job window offers 1:1 문의하기 with the job attached.
    fresh_sandbox.fault("error_500", "/inquiries", count=20)
    page.goto("/inquiries/collect")
    page.check(f"input[name=account_ids][value='{account_id}']")
    page.click("#collect-form button[type=submit]")
    _wait_job(page, "failed")
    page.click("[data-job-ask]")
    page.wait_for_selector("#attached-run")
    page.fill("#q-body", page.input_value("#q-body") + "수집이 안 됩니다.")
    page.click("#qna-form button[type=submit]")
    page.wait_for_selector("#thread")
    with app.app_context():
        question = db.session.query(SupportQuestion).one()
        assert question.run_id is not None
        qid = question.id
    page.click("#logout")

    _login(page, "support01")
    page.goto("/support-admin/support_desk/")
    page.click(f"#qna-queue tr[data-question='{qid}'] a")
    assert "상담내역 수집을 실패하였습니다" in page.inner_text("#job-log")
    page.fill("#support-reply textarea", "잠시 후 다시 수집해 주세요. 제휴몰 점검 중입니다.")
    page.click("#support-reply button[type=submit]")
    page.wait_for_selector("[data-reply]")
    screenshot(page, "support-desk-reply")
    page.click("#logout")

    _login(page, "sellerAmaster")
    page.goto(f"/addons/qna/{qid}")
    assert "제휴몰 점검 중입니다" in page.inner_text("#thread")
    screenshot(page, "qna-answered")


def test_a_refusal_shown_as_an_alert_offers_1_1_inquiry(page, live_server, seller, fresh_sandbox):
    app = live_server.app
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    with app.app_context():
        add_account(seller, "sandbox", "본점")
    seen, answers = [], [False, True]

    def on_dialog(dialog):
        if dialog.message == "상담내역 수집을 시작 하시겠습니까?":
            dialog.accept()
            return
        seen.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    page.on("dialog", on_dialog)
    _login(page, "sellerAmaster")
    page.goto("/inquiries/collect")
    # No account chosen: the refusal names why and offers 1:1 문의하기; declining stays on the page.
    page.click("#collect-form button[type=submit]")
    for _ in range(100):
        if seen:
            break
        page.wait_for_timeout(100)
    assert len(seen) == 1 and "1:1 문의하기" in seen[0] and "요청을 처리할 수 없습니다" not in seen[0], seen
    assert page.url.endswith("/inquiries/collect")
    # Accepting opens the 1:1 문의하기 form.
    page.click("#collect-form button[type=submit]")
    page.wait_for_url("**/qna/new*")
    assert page.locator("h1").inner_text() == "1:1 문의하기"
