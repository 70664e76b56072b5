"""Dashboard notice of 주문관리: automatic order collection is off (no Redis, or no scheduler running)."""
from flask import current_app, url_for
from flask_babel import gettext as _

from portal.plugins import Widget


def collection_off_widget(user):
    from portal.queues import redis_connection
    from portal.scheduling import lock_key

    if not user.has_duty(current_app.extensions["menus"]["orders"].duty):
        return None
    conn = redis_connection()
    if conn is None:
        reason = _("Redis에 연결할 수 없어 작업을 웹 프로세스 안에서 실행하고, 주문과 취소/반품/교환을 "
                   "15분마다 자동으로 수집하지 않습니다.")
    elif not conn.exists(lock_key()):
        reason = _("스케줄러(flask --app wsgi portal scheduler)가 실행되고 있지 않아 주문과 취소/반품/교환을 "
                   "15분마다 자동으로 수집하지 않습니다.")
    else:
        return None
    return Widget(title=_("주문서 자동 수집이 꺼져 있습니다"), level="warning", link=url_for("orders.collect"),
                  lines=[reason, _("주문서 가져오기에서 직접 수집해 주세요.")])
