"""Contract fixtures: a channel's documented examples served over real HTTP, requests recorded.

Each fixture file in tests/marketplaces/<code>/fixtures/ is our own rewrite of one example of a
channel's published document and names it under "source". A FixtureChannel answers the adapter
with a fixture's response and keeps every request it received, so a test can hold the request
our client built against the documented one and our mapping against the documented answer.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.channel_http import CallBudget, ChannelHttp

HERE = Path(__file__).parent


def load(package: str, name: str) -> dict:
    """A fixture of tests/marketplaces/<package>/fixtures (the adapter package's name)."""
    fixture = json.loads((HERE / package / "fixtures" / f"{name}.json").read_text("utf-8"))
    assert fixture.get("source"), f"{package}/{name}: a fixture names its source"
    return fixture


@dataclass
class Received:
    method: str
    path: str
    query: dict
    raw_query: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class FixtureChannel:
    url: str = ""
    routes: list = field(default_factory=list)
    received: list[Received] = field(default_factory=list)

    def answer(self, method: str, path_part: str, fixture: dict, *, times: int = 0):
        """Answer `method` on paths containing `path_part` with the fixture's response.

        times=0 answers every such call; otherwise the route is used that many times.
        """
        self.routes.append([method.upper(), path_part, fixture["response"], times])

    def calls(self, path_part: str = "") -> list[Received]:
        return [r for r in self.received if path_part in r.path]

    def _app(self, environ, start_response):
        req = Request(environ)
        self.received.append(Received(req.method, req.path, dict(parse_qsl(
            req.query_string.decode(), keep_blank_values=True)), req.query_string.decode(),
            dict(req.headers), req.get_data()))
        for route in self.routes:
            method, part, response, times = route
            if method == req.method and part in req.path and times >= 0:
                if times:
                    route[3] = times - 1 if times > 1 else -1
                body = response.get("body")
                if isinstance(body, str):
                    data = body.encode(response.get("encoding", "utf-8"))
                    mimetype = response.get("content_type", "text/xml;charset=EUC-KR")
                else:
                    data = json.dumps(body, ensure_ascii=False).encode()
                    mimetype = "application/json"
                resp = Response(data, status=response.get("status", 200),
                                content_type=mimetype)
                return resp(environ, start_response)
        return Response("no fixture for this call", status=404)(environ, start_response)


def fast_http() -> ChannelHttp:
    return ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None,
                       max_retries=0)


def serve():
    """A FixtureChannel on an ephemeral port; stop with the returned function."""
    channel = FixtureChannel()
    server = make_server("127.0.0.1", 0, channel._app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    channel.url = f"http://127.0.0.1:{server.server_port}"

    def stop():
        server.shutdown()
        thread.join(timeout=5)
    return channel, stop
