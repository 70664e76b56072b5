"""The Notifier contract and its backends: the log, e-mail over SMTP and SMS through NAVER Cloud SENS (SMS API v2)."""
import base64
import hashlib
import hmac
import logging
import re
import smtplib
import time
from abc import ABC, abstractmethod
from email.message import EmailMessage
from email.utils import formataddr

from flask_babel import gettext as _
import requests
from flask import current_app

from models import Tenant
from portal.i18n import N_

log = logging.getLogger("portal.orders.notify")
SMS_MAX_BYTES = 90  # an SMS carries 90 bytes of EUC-KR (45 Hangul); longer text goes as LMS


class NotifyError(Exception):
    """The backend could not hand the message over; the text is safe to show (no secrets)."""


class Notifier(ABC):
    """One way of reaching a seller (e-mail, SMS, …)."""

    label = ""

    @abstractmethod
    def send(self, tenant: Tenant, subject: str, text: str) -> None:
        """Deliver one message to the seller's contact, or raise NotifyError."""


class LogNotifier(Notifier):
    """Development backend: the message lands in the application log (the console)."""

    label = N_("로그")

    def send(self, tenant: Tenant, subject: str, text: str) -> None:
        log.info("[신규주문 알림] 판매자 %s: %s", tenant.id, text)


class EmailNotifier(Notifier):
    """Mails the company's 이메일 (회사정보) through MAIL_SERVER; MAIL_USE_TLS upgrades with STARTTLS."""

    label = N_("이메일")

    def send(self, tenant, subject: str, text: str) -> None:
        cfg = current_app.config
        if not tenant.email:
            raise NotifyError(_("회사정보에 이메일이 없습니다."))
        msg = EmailMessage()
        msg["Subject"] = subject
        msg["From"] = formataddr((cfg.get("MAIL_SENDER_NAME") or _("셀러포털"), cfg["MAIL_SENDER"]))
        msg["To"] = tenant.email
        msg.set_content(_("%(name)s 담당자님,", name=tenant.name) + f"\n\n{text}\n")
        smtp_class = smtplib.SMTP_SSL if cfg.get("MAIL_USE_SSL") else smtplib.SMTP
        try:
            with smtp_class(cfg.get("MAIL_SERVER", "127.0.0.1"), int(cfg.get("MAIL_PORT", 25)), timeout=10) as smtp:
                if cfg.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if cfg.get("MAIL_USERNAME"):
                    smtp.login(cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD", ""))
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise NotifyError(_("메일 서버 오류 (%(name)s)", name=type(exc).__name__)) from exc


def sens_signature(secret_key: str, method: str, uri: str, timestamp: str, access_key: str) -> str:
    """x-ncp-apigw-signature-v2: base64 HMAC-SHA256 of "METHOD URI\\nTIMESTAMP\\nACCESS_KEY"."""
    message = f"{method} {uri}\n{timestamp}\n{access_key}"
    digest = hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def sms_type(text: str) -> str:
    return "SMS" if len(text.encode("euc-kr", errors="replace")) <= SMS_MAX_BYTES else "LMS"


class SensSmsNotifier(Notifier):
    """Texts the company's 휴대폰 번호 from SENS_FROM (a sender number registered with SENS)."""

    label = "SMS"

    def send(self, tenant, subject: str, text: str) -> None:
        cfg = current_app.config
        to = re.sub(r"\D", "", tenant.mobile or "")
        if not to:
            raise NotifyError(_("회사정보에 휴대폰 번호가 없습니다."))
        uri = f"/sms/v2/services/{cfg['SENS_SERVICE_ID']}/messages"
        timestamp = str(int(time.time() * 1000))
        access_key = cfg["SENS_ACCESS_KEY"]
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "x-ncp-apigw-timestamp": timestamp,
            "x-ncp-iam-access-key": access_key,
            "x-ncp-apigw-signature-v2": sens_signature(cfg["SENS_SECRET_KEY"], "POST", uri, timestamp, access_key),
        }
        kind = sms_type(text)
        body = {"type": kind, "contentType": "COMM", "countryCode": "82",
                "from": re.sub(r"\D", "", cfg["SENS_FROM"]), "content": text, "messages": [{"to": to}]}
        if kind == "LMS":
            body["subject"] = subject
        base = cfg.get("SENS_URL", "https://sens.apigw.ntruss.com").rstrip("/")
        try:
            resp = requests.post(base + uri, json=body, headers=headers, timeout=10)
        except requests.RequestException as exc:
            raise NotifyError(_("SMS 서버에 연결하지 못했습니다 (%(name)s)", name=type(exc).__name__)) from exc
        if resp.status_code != 202:
            raise NotifyError(_("SMS 발송이 거절되었습니다 (HTTP %(status_code)s)",
                                status_code=resp.status_code))
