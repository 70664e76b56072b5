"""Translation helpers: N_ for Korean translated when shown, ko for Korean that is data and never translated,
and the templates' fast lookup."""
from flask import g
from flask_babel import get_translations


def N_(text: str) -> str:
    """Mark a word for the catalogue (`pybabel extract -k N_`) and give it back unchanged.

    Menu titles, 처리상태 words and the status labels held in dicts are defined with N_(): their
    Korean value is what the code compares and stores, and `pybabel update` keeps them in the
    catalogue because extraction sees them. The screen translates them with _() when it shows them.
    """
    return text


def ko(text: str) -> str:
    """Korean that stays Korean in every language, and give it back unchanged.

    Words sent to a marketplace as they are (a 옵션 column title, a 보류 reason), matched against what
    a marketplace or an uploaded file says, or stored as data the seller recognises. Marking them
    tells the translation check they are not a forgotten message; they get no catalogue entry.
    """
    return text


def translations():
    """Flask-Babel's translations of this context, looked up once per context and language.

    get_translations() finds the language anew on every call (a dozen context lookups, as long as the
    translation itself many times over); a list page calls _() hundreds of times. The catalogue found is kept
    beside Flask-Babel's own cached language and used while that language object stays the same, so
    refresh() (a job taking its starter's language) and force_locale() still switch it.
    """
    state = g.get("_flask_babel")
    if state is not None:
        kept = getattr(state, "portal_translations", None)
        if kept is not None and kept[0] is getattr(state, "babel_locale", None):
            return kept[1]
    found = get_translations()
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    if locale is not None:
        state.portal_translations = (locale, found)
    return found


def install(app) -> None:
    """The templates' _(), ngettext, pgettext and npgettext through translations(): the same catalogue,
    found once."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
