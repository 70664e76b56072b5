"""Every screen in two languages: no template text outside a translation call, no English gap."""
import os
import re

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import Environment
from jinja2.lexer import operators

from portal import ROOT

HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
CALLS = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
PO = os.path.join(ROOT, "portal", "translations", "en", "LC_MESSAGES", "messages.po")
_lexer = Environment(extensions=["jinja2.ext.i18n"])


def untranslated_text(source: str) -> list[tuple[int, str]]:
    """(line, text) of each piece of Hangul a template shows without a translation call.

    Allowed: text inside {% trans %} blocks, string literals that are arguments of _()/gettext/
    ngettext, Korean values compared with data (==, !=, in) or used as a dict key, and comments.
    """
    tokens = [(line, operators[value] if kind == "operator" else kind, value)
              for line, kind, value in _lexer.lex(source) if kind != "whitespace"]
    found, stack, in_trans = [], [], False
    for i, (lineno, kind, value) in enumerate(tokens):
        prev = tokens[i - 1][1:] if i else (None, None)
        after = tokens[i + 1][1:] if i + 1 < len(tokens) else (None, None)
        if prev[0] == "block_begin" and kind == "name":
            in_trans = value in ("trans", "pluralize") or (in_trans and value != "endtrans")
        if kind in ("lparen", "lbracket", "lbrace"):
            stack.append(prev[1] if prev[0] == "name" else None)
        elif kind in ("rparen", "rbracket", "rbrace") and stack:
            stack.pop()
        elif kind == "data" and HANGUL.search(value) and not in_trans:
            found.append((lineno, value.strip()))
        elif kind == "string" and HANGUL.search(value):
            inside_call = bool(stack) and stack[-1] in CALLS
            compared = (prev[0] in ("eq", "ne") or prev == ("name", "in")
                        or after[0] in ("eq", "ne", "colon") or after in (("name", "in"), ("name", "not")))
            if not (inside_call or compared):
                found.append((lineno, value))
    return found


def template_files() -> list[str]:
    found = []
    for base in ("templates", "blueprints"):
        for folder, _dirs, files in os.walk(os.path.join(ROOT, base)):
            if f"{os.sep}templates" in folder:
                found += [os.path.join(folder, name) for name in files if name.endswith(".html")]
    return sorted(found)


def test_the_check_sees_bare_korean_and_lets_wrapped_korean_pass():
    assert untranslated_text("<h1>주문관리</h1>") == [(1, "<h1>주문관리</h1>")]
    assert untranslated_text('<input placeholder="검색어">')
    assert untranslated_text('{{ hints(["유의사항"]) }}') == [(1, '"유의사항"')]
    assert untranslated_text('{% set x = "완료" %}{{ x }}')
    ok = ('{# 주석 #}<h1>{{ _("주문관리") }}</h1>{{ hints([_("유의사항")]) }}'
          '{% trans n=3 %}{{ n }}건{% endtrans %}{% if s == "완료" %}{{ {"입점": _("입점")}[s] }}{% endif %}'
          '{{ ngettext("%(num)d건", "%(num)d건", 2) }}')
    assert untranslated_text(ok) == []


@pytest.mark.parametrize("path", template_files(), ids=lambda p: os.path.relpath(p, ROOT))
def test_templates_show_no_korean_outside_a_translation_call(path):
    with open(path, encoding="utf-8") as handle:
        assert untranslated_text(handle.read()) == []


def _catalogue():
    with open(PO, "rb") as handle:
        return read_po(handle)


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = _catalogue()
    assert len(catalogue) > 0
    empty = [m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert empty == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_po_file():
    """`pybabel compile` was run after the last edit: the .mo says what the .po says."""
    with open(PO[:-3] + ".mo", "rb") as handle:
        compiled = {m.id: m.string for m in read_mo(handle) if m.id}
    written = {m.id: m.string for m in _catalogue() if m.id}
    assert compiled == written
