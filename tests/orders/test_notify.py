"""신규주문 알림: a collection that finds new orders mails and texts the seller; a dead backend fails nothing."""
import json
import logging
import socket
import threading
from email import message_from_bytes, policy

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from blueprints.orders.services.notify_backends import sens_signature, sms_type

from .conftest import collect

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """A real SMTP server on localhost that keeps what it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp_inbox():
    inbox = Inbox()
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def sens_gateway():
    """A stand-in for NAVER Cloud SENS that checks the signature the way the gateway does."""
    received = []

    @Request.application
    def app(request):
        uri = request.path
        expected = sens_signature("sens-secret", request.method, uri, request.headers["x-ncp-apigw-timestamp"],
                                  request.headers["x-ncp-iam-access-key"])
        if request.headers.get("x-ncp-apigw-signature-v2") != expected:
            return Response(json.dumps({"error": "Unauthorized"}), status=401)
        received.append((uri, request.get_json()))
        return Response(json.dumps({"requestId": "R-1", "statusCode": "202", "statusName": "success"}),
                        status=202, content_type="application/json")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield received, f"http://127.0.0.1:{server.port}"
    server.shutdown()


def _configure(app, smtp_port, sens_url, secret="sens-secret"):
    app.config.update(ORDERS_NOTIFIER="email,sms", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_port,
                      MAIL_SENDER="orders@portal.example", SENS_URL=sens_url, SENS_SERVICE_ID="ncp:sms:kr:1:portal",
                      SENS_ACCESS_KEY="access-1", SENS_SECRET_KEY=secret, SENS_FROM="02-1234-5678")


def test_new_orders_are_mailed_and_texted_to_the_seller(client, auth, app, seller, shop, smtp_inbox, sens_gateway):
    inbox, smtp_port = smtp_inbox
    texts, sens_url = sens_gateway
    _configure(app, smtp_port, sens_url)
    auth.login()
    _, lines = collect(client, app, [shop.account.id])

    assert {"신규주문 알림: 이메일 알림을 보냈습니다.", "신규주문 알림: SMS 알림을 보냈습니다."} <= set(lines)
    (rcpt, mail), = inbox.messages
    assert rcpt == [seller.email]
    assert mail["Subject"] == "[신규주문] 샌드박스몰(본점) 4건"
    assert "샌드박스몰(본점) 신규주문 4건이 수집되었습니다." in mail.get_content()
    (uri, body), = texts
    assert uri == "/sms/v2/services/ncp:sms:kr:1:portal/messages"
    assert body["messages"] == [{"to": "01011112222"}] and body["from"] == "0212345678"
    assert body["content"].startswith("샌드박스몰(본점) 신규주문 4건이 수집되었습니다.")


def test_recollecting_sends_nothing_new(client, auth, app, shop, smtp_inbox, sens_gateway):
    inbox, smtp_port = smtp_inbox
    texts, sens_url = sens_gateway
    _configure(app, smtp_port, sens_url)
    auth.login()
    collect(client, app, [shop.account.id])
    collect(client, app, [shop.account.id])
    assert len(inbox.messages) == 1 and len(texts) == 1


def test_a_dead_mail_server_and_a_refused_sms_do_not_fail_the_collection(client, auth, app, shop, caplog):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    _configure(app, dead, f"http://127.0.0.1:{dead}")
    auth.login()
    with caplog.at_level(logging.INFO, logger="portal.orders.notify"):
        runs, lines = collect(client, app, [shop.account.id])
    assert runs[0].status == "done"
    assert any("(신규주문 4건, 이미 등록된 주문 0건)" in t for t in lines)
    assert "신규주문 알림: 이메일 알림을 보내지 못했습니다: 메일 서버 오류 (ConnectionRefusedError)" in lines
    assert "메일 서버 오류" in caplog.text and "SMS 서버에 연결하지 못했습니다" in caplog.text
    assert "sens-secret" not in caplog.text


def test_long_text_goes_as_lms():
    assert sms_type("스마트스토어 신규주문 3건") == "SMS"
    assert sms_type("가" * 46) == "LMS"
