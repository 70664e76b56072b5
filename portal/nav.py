"""The top navigation and the dashboard's menu cards: rendered once per language and access, reused by every page.

Rendering the navigation took most of a page's Python time (a url_for and a translation per menu and sub-menu,
twice on the dashboard), yet it depends only on the language, the menus the company has turned on and the
duties of the account (a master holds them all). It is rendered once per such key and kept in the app; what
changes from page to page or minute to minute is left as a slot in the kept text and filled on each request:
the active menu (the page's blueprint) and the unread badges, which stay live counts.
"""
import re

from flask import current_app, get_template_attribute, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from portal.plugins import menus_for

TEMPLATE = "_nav.html"
_SLOT = re.compile("\x00([^\x00]*)\x00")  # what slot() leaves in a rendering: kind and arguments
_KEEP = 512  # renderings kept per app; a key is a language × duties × menus turned on, so few exist


def slot(*parts: str) -> Markup:
    """A place in the kept rendering filled on each request (the menu names and endpoints it carries are ours)."""
    return Markup("\x00" + "\x01".join(parts) + "\x00")


def nav_html(user) -> Markup:
    """The top navigation of `user` on this page."""
    return _filled("nav", user)


def menu_cards_html(user) -> Markup:
    """The dashboard's card per menu with its sub-menus."""
    return _filled("cards", user)


def nav_key(user, which: str) -> tuple | None:
    """Everything the kept rendering depends on; None for an account that has no menus (support, anonymous).

    Duties change → another key, so a staff account whose duties were changed sees its new menus on the next page.
    """
    if not user.is_authenticated or user.tenant_id is None:
        return None
    plugins = current_app.extensions["menus"].values()
    turned_on = tuple(p.name for p in plugins if p.enabled_for is not None and p.is_enabled(user.tenant))
    access = "master" if user.is_master else tuple(sorted(user.duties))
    return which, str(get_locale() or ""), request.script_root, access, turned_on


def _pieces(user, which: str) -> list:
    """The kept rendering, split at its slots: text, (kind, args…), text, …"""
    key = nav_key(user, which)
    if key is None:
        return [""]
    kept = current_app.extensions.setdefault("portal.nav", {})
    pieces = kept.get(key)
    if pieces is None:
        text = str(get_template_attribute(TEMPLATE, which)(menus_for(user), slot))
        pieces = [part if n % 2 == 0 else tuple(part.split("\x01")) for n, part in enumerate(_SLOT.split(text))]
        if len(kept) >= _KEEP:
            kept.clear()
        kept[key] = pieces
    return pieces


def _filled(which: str, user) -> Markup:
    pieces = _pieces(user, which)
    if len(pieces) == 1:
        return Markup(pieces[0])
    menus, blueprint, badge = current_app.extensions["menus"], request.blueprint, None
    out = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            out.append(piece)
        elif piece[0] == "active":
            out.append(" active" if piece[1] == blueprint else "")
        else:  # ("badge", menu) = the menu's sum; ("badge", menu, endpoint) = one sub-menu's count
            count = menus[piece[1]].badge(user, *piece[2:])
            if count:
                badge = badge or get_template_attribute(TEMPLATE, "badge")
                out.append(str(badge(piece[-1], count)))
    return Markup("".join(out))


def init_app(app) -> None:
    app.context_processor(lambda: {"nav_html": _current_nav, "menu_cards_html": _current_cards})


def _current_nav() -> Markup:
    return nav_html(current_user._get_current_object())


def _current_cards() -> Markup:
    return menu_cards_html(current_user._get_current_object())
