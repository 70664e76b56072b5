"""Application factory: builds a portal app from config, extensions and discovered plugins."""
import os

from flask import Flask

from portal import db_pool
from portal.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(config: dict | None = None) -> Flask:
    """Build the app. No database writes and no network calls happen here."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or os.path.join(ROOT, "instance"),
        instance_relative_config=True,
        template_folder=os.path.join(ROOT, "templates"),
    )
    production = os.environ.get("PORTAL_ENV") == "production"
    app.config.from_object("portal.config.ProductionConfig" if production else "portal.config.Config")
    app.config.from_pyfile("portal.cfg", silent=True)
    app.config.from_prefixed_env("PORTAL")
    if config:
        app.config.update(config)
    if app.config.get("DATABASE_URL"):  # PORTAL_DATABASE_URL, the documented spelling
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        path = os.path.join(app.instance_path, "portal.sqlite")
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Jobs run in threads beside the pages when there is no Redis worker (and the demo starts one per
        # account): a writer waits up to 30 s for another's commit instead of failing after 5 s.
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        options["connect_args"] = {"timeout": 30, **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    elif app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = db_pool.engine_options(
            dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {}))
    if production and app.config["SECRET_KEY"] == Config.SECRET_KEY:
        raise RuntimeError("PORTAL_ENV=production: set PORTAL_SECRET_KEY (or SECRET_KEY in instance/portal.cfg).")

    # Rate-limit counters on a shared Redis carry the installation's prefix like every other key.
    app.config.setdefault("RATELIMIT_KEY_PREFIX", app.config["QUEUE_PREFIX"].rstrip("-:") or "portal")
    from portal import admin, auth, cli, extensions, jobs_views, nav, plugins, public_images, security, web

    extensions.db.init_app(app)
    with app.app_context():
        db_pool.init_engine(extensions.db.engine, app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    extensions.migrate.init_app(app, extensions.db, directory=os.path.join(ROOT, "migrations"))
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    web.init_app(app)
    app.register_blueprint(jobs_views.bp)
    public_images.init_app(app)
    plugins.register_menus(app)
    nav.init_app(app)
    admin.init_admin(app)
    cli.init_app(app)
    if hops := int(app.config.get("PROXY_HOPS") or 0):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # rate limits see the client
    return app
