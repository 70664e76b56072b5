"""The sandbox marketplace server: a separate WSGI app speaking the marketplaces' protocols."""
from __future__ import annotations

import os

import click
from flask import Flask, redirect
from flask.cli import AppGroup

from .seed import DEMO_CREDENTIALS, seed_demo
from .store import Store

__all__ = ["create_app", "seed_demo", "DEMO_CREDENTIALS", "base_path"]

# Where each protocol is mounted on this server; every other channel speaks /generic.
BASE_PATHS = {"naver": "/naver/external", "coupang": "/coupang", "11st": "/11st/rest",
              "gmarket": "/esm", "auction": "/esm", "qoo10jp": "/qoo10/ebayjapan.qapi",
              "rakuten": "/rakuten/es", "amazonjp": "/amazonjp"}
GENERIC_BASE_PATH = "/generic"

sandbox_cli = AppGroup("sandbox", help="샌드박스 마켓 관리 명령")


@sandbox_cli.command("seed-demo")
def seed_demo_command():
    """데모 상점(프로토콜별 1개)과 카테고리, 주문, 클레임, 문의, 공지를 만듭니다."""
    from flask import current_app

    created = seed_demo(current_app)
    click.echo(f"데모 상점 {len(created)}개를 만들었습니다.")


def base_path(code: str) -> str:
    """The path under the sandbox URL where the adapter for marketplace `code` is pointed."""
    return BASE_PATHS.get(code, GENERIC_BASE_PATH)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SANDBOX_DATABASE"] = os.environ.get("SANDBOX_DATABASE") or os.path.join(
        os.getcwd(), "instance", "sandbox.sqlite")
    app.config.update(config or {})
    path = app.config["SANDBOX_DATABASE"]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    app.extensions["sandbox_store"] = Store(path)
    app.extensions["sandbox_buckets"] = {}

    from . import amazonjp, coupang, elevenst, esm, generic, naver, ops, ops_ui, qoo10, rakuten

    for module in (naver, coupang, elevenst, esm, qoo10, rakuten, amazonjp, generic, ops, ops_ui):
        app.register_blueprint(module.bp)
    app.cli.add_command(sandbox_cli)

    @app.get("/")
    def home():
        return redirect("/_ops/")

    return app
