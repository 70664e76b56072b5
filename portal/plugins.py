"""Menu plugins: the MenuPlugin contract, menu_blueprint() with its guard, and discovery."""
import importlib
import logging
import pkgutil
from dataclasses import dataclass, field
from importlib.metadata import entry_points

from flask import Blueprint, abort, current_app, has_request_context, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from models.user import MASTER

ENTRY_POINT_GROUP = "seller_portal.menus"
log = logging.getLogger(__name__)


@dataclass
class MenuItem:
    """A sub-menu: shown only when its endpoint exists and the user holds its duty."""

    title: str
    endpoint: str
    duty: str | None = "inherit"  # "inherit" = the menu's duty; None = every account


@dataclass
class Widget:
    """What a menu puts on the dashboard: a notice (lines), a count tile, or a chart.

    A tile carries `count` and the `link` of the list it counts, already filtered; a chart carries
    Chart.js data (labels, sales, net, before). A dashboard_widgets callable returns a Widget, a list
    of them, or None, and shows only what the user's duties allow."""

    title: str
    lines: list[str] = field(default_factory=list)
    level: str = "info"  # info / warning
    link: str | None = None
    count: int | None = None
    chart: dict | None = None


@dataclass
class MenuPlugin:
    name: str
    title: str
    order: int
    blueprint: Blueprint
    items: list[MenuItem] = field(default_factory=list)
    duty: str | None = None  # default duty for every page of the menu
    # Duties of pages that are not sub-menus (forms, actions, downloads). In a menu without a duty
    # an endpoint named nowhere is master-only: a new page is refused until someone decides.
    endpoint_duties: dict = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)  # 이용 유의사항 of the menu home
    admin_views: object = None  # callable(admin, base_view) adding Flask-Admin views
    demo_data: object = None  # callable(tenant) adding this menu's demo rows, idempotently
    dashboard_widgets: list = field(default_factory=list)  # callables(user) -> Widget | list | None
    schedules: list = field(default_factory=list)  # portal.scheduling.Schedule entries
    enabled_for: object = None  # callable(tenant) -> bool: a menu the company turns on (None = always)
    badges: dict = field(default_factory=dict)  # endpoint -> callable(user) -> int shown beside the item

    def is_enabled(self, tenant) -> bool:
        return self.enabled_for is None or bool(tenant and self.enabled_for(tenant))

    def badge(self, user, endpoint: str | None = None) -> int:
        """The count beside a sub-menu (or, without an endpoint, the menu: the sum of its items')."""
        makers = [self.badges[endpoint]] if endpoint in self.badges else [] if endpoint else self.badges.values()
        return sum(_count(make, user) for make in makers)

    def duty_for(self, endpoint: str) -> str | tuple | None:
        """The duty a page needs: its sub-menu's, its endpoint_duties entry, else the menu's.

        The menu home follows the menu; any other page of a menu without a duty is master-only."""
        for item in self.items:
            if item.endpoint == endpoint:
                return self.duty if item.duty == "inherit" else item.duty
        if endpoint in self.endpoint_duties:
            return self.endpoint_duties[endpoint]
        if self.duty is not None or endpoint == f"{self.name}.index":
            return self.duty
        return MASTER

    def visible_items(self, user) -> list[MenuItem]:
        views = current_app.view_functions
        return [i for i in self.items
                if i.endpoint in views and user.has_duty(self.duty_for(i.endpoint))]


def _count(make, user) -> int:
    """A badge's count, made once per request: the nav shows it beside the menu and again beside its item."""
    return once_per_request((make, getattr(user, "id", None)), lambda: make(user) or 0)


def once_per_request(key, make):
    """make() the first time `key` is asked for in this request, the same answer after (outside a request:
    every time). For what several parts of one page read (a badge, the dashboard's tiles and notices)."""
    if not has_request_context():
        return make()
    made = request.environ.setdefault("portal.once_per_request", {})
    if key not in made:
        made[key] = make()
    return made[key]


def menu_blueprint(name: str, import_name: str, **kwargs) -> Blueprint:
    """A blueprint that is login-, tenant- and duty-guarded from the moment it exists."""
    kwargs.setdefault("url_prefix", f"/{name}")
    kwargs.setdefault("template_folder", "templates")
    bp = Blueprint(name, import_name, **kwargs)

    @bp.before_request
    def _guard():
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if current_user.tenant_id is None:
            abort(403)  # support staff work in the admin panel, not inside a seller's menus
        if current_user.must_change_password:
            return redirect(url_for("auth.password", next=request.full_path))
        plugin = current_app.extensions["menus"][name]
        if not plugin.is_enabled(current_user.tenant):
            abort(404)  # a menu the company has not turned on does not exist for it
        if not current_user.has_duty(plugin.duty_for(request.endpoint)):
            abort(403)

    @bp.get("/", endpoint="index")
    def _menu_home():
        plugin = current_app.extensions["menus"][name]
        items = plugin.visible_items(current_user)
        coming = [i for i in plugin.items if i.endpoint not in current_app.view_functions]
        return render_template("menu_home.html", menu=plugin, items=items, coming=coming,
                               menu_hints=[gettext(h) for h in plugin.hints])  # marked N_() in each menu

    return bp


def _from_package(package_name: str) -> list[MenuPlugin]:
    package = importlib.import_module(package_name)
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{package_name}.{info.name}")
        plugin = getattr(module, "plugin", None)
        if isinstance(plugin, MenuPlugin):
            found.append(plugin)
    return found


def discover_menus(package_name: str = "blueprints") -> list[MenuPlugin]:
    """Every menu package under blueprints/ plus add-ons installed with the entry-point group."""
    plugins = _from_package(package_name)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        plugin = ep.load()
        if isinstance(plugin, MenuPlugin):
            plugins.append(plugin)
        else:
            log.warning("entry point %s is not a MenuPlugin; ignored", ep.name)
    return sorted(plugins, key=lambda p: (p.order, p.name))


def register_menus(app, plugins: list[MenuPlugin] | None = None) -> None:
    plugins = discover_menus() if plugins is None else plugins
    app.extensions["menus"] = {}
    for plugin in plugins:
        # A blueprint object may be registered on many apps (tests build several).
        app.register_blueprint(plugin.blueprint)
        app.extensions["menus"][plugin.name] = plugin

    @app.context_processor
    def _nav():
        return {"nav_menus": lambda: menus_for(current_user)}


def menus_for(user) -> list[tuple[MenuPlugin, list[MenuItem]]]:
    """The top navigation for one user: menus in order, each with the sub-menus they may use."""
    if not user.is_authenticated or user.tenant_id is None:
        return []
    result = []
    for plugin in sorted(current_app.extensions["menus"].values(), key=lambda p: p.order):
        if not plugin.is_enabled(user.tenant):
            continue
        if not user.has_duty(plugin.duty) and not plugin.visible_items(user):
            continue
        result.append((plugin, plugin.visible_items(user)))
    return result
