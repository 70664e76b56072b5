"""Work flows one way: no import circle among the application packages, no portal-side import of the sandbox.

The graph is read from the source (every import statement, also those inside functions), so a
circle hidden behind a lazy import counts. A module importing its own package (`from . import bp`
in a menu's views, registered by the package's last line) is the plugin pattern, not a circle.
"""
import ast
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGES = ("portal", "blueprints", "models", "forms", "jobs", "marketplaces")
# `portal up` still imports the sandbox server in-process; the reworked command starts it as its
# own process (over HTTP only) and this allowance goes with that change.
SANDBOX_ALLOWED: set[str] = set()


def modules() -> dict[str, str]:
    found = {}
    for package in PACKAGES + ("sandbox",):
        for folder, _, files in os.walk(os.path.join(ROOT, package)):
            for name in files:
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    dotted = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
                    found[dotted.removesuffix(".__init__")] = path
    return found


def imported(module: str, is_package: bool, node, known) -> set[str]:
    """The known modules one import statement names."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            parts = module.split(".") if is_package else module.split(".")[:-1]
            parts = parts[: len(parts) - (node.level - 1)]
            base = ".".join(parts + ([base] if base else []))
        # `from a import b` imports module a.b when there is one, else the name b of module a
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
    out = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module:
            out.add(name)
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = {}
    for module, path in known.items():
        if module.split(".")[0] == "sandbox":
            continue
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read())
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets |= imported(module, path.endswith("__init__.py"), node, known)
        edges[module] = {t for t in targets if not module.startswith(t + ".")}  # its own package
    return edges


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle():
    assert circles(graph()) == []


def test_the_checker_sees_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_services_never_import_jobs():
    edges = graph()
    offenders = sorted(f"{m} → {t}" for m, ts in edges.items() if ".services" in m or m.endswith("services")
                       for t in ts if t.split(".")[0] == "jobs")
    assert offenders == []


def test_portal_side_never_imports_the_sandbox_server():
    edges = graph()
    offenders = sorted(m for m, ts in edges.items() if any(t.split(".")[0] == "sandbox" for t in ts))
    assert [m for m in offenders if m not in SANDBOX_ALLOWED] == []


def test_the_sandbox_address_and_demo_keys_come_from_configuration():
    """The portal's configured copy agrees with what the sandbox serves (tests may import the sandbox)."""
    import sandbox
    from blueprints.account.demo import DEMO_CHANNELS
    from portal.config import Config

    paths = Config.SANDBOX_PATHS
    for code in [*sandbox.BASE_PATHS, "gmarket", "hmall", "unknown"]:
        assert paths.get(code, paths["*"]) == sandbox.base_path(code)
    for code, _ in DEMO_CHANNELS:
        assert Config.SANDBOX_DEMO_CREDENTIALS[code] == sandbox.DEMO_CREDENTIALS[code]


def test_each_job_module_imports_first(tmp_path):
    """A worker may import a job's module before anything else: no import order breaks it."""
    import subprocess
    import sys

    jobs = sorted(m for m in modules() if m.startswith("jobs."))
    procs = {m: subprocess.Popen([sys.executable, "-c", f"import {m}"], cwd=ROOT, stderr=subprocess.PIPE)
             for m in jobs}
    failed = {m: p.communicate()[1].decode()[-300:] for m, p in procs.items() if p.wait() != 0}
    assert failed == {}
