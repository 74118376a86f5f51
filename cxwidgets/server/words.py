"""The words of the kit's own web pages (the app page's loading, retry and lost-kernel
messages, the lobby's), in the language a page's link asks for (`lang=de`, as the
participants' link carries the room's language).

The pages are Jinja templates Voila and the lobby render on the server; their words are
marked here for the catalogue and handed to the template as a table (English word ->
the word in the page's language), which the template's text and scripts read. A word a
table lacks is said in English.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from cxwidgets import language
from cxwidgets.language import N_

#: Why the lobby refuses a page for now (`lobby.LobbyFull`); the page tries again.
TOO_MANY_FROM_ONE = N_("More than {pages} pages were opened from one address within "
                       "{seconds} s; this page tries again shortly.")
LINE_FULL = N_("{pages} pages are already waiting to open; this page tries again shortly.")

#: The words of the error pages (error.html, 404.html). Tornado renders those without the
#: request's link at hand, so they carry every language's table (`error_words`) and a
#: script picks the one the link's `lang` asks for.
ERROR_WORDS: tuple[str, ...] = (
    N_("This page does not exist"),
    N_("Check the link, or scan the QR code your facilitator shows again."),
    N_("Something went wrong"),
    N_("Please reload the page. If it happens again, tell your facilitator."),
)

#: Every word the page templates say (templates/voila/templates/cxwidgets/).
WORDS: tuple[str, ...] = (
    N_("Journey-mapping workshop"),
    N_("This workshop page needs JavaScript."),
    N_("This workshop page needs JavaScript. Please turn it on and reload the page."),
    N_("Opening the workshop…"),
    N_("Try now"),
    N_("Try again"),
    N_("Open again"),
    N_("This page lost its place in the workshop (after a long pause, or because the "
       "server had to restart it). Open it again to carry on: you will be recognised, "
       "and everything you added is saved."),
    N_("Press the button to try once more; if it happens again, tell your facilitator."),
    N_("This page tries again by itself in {seconds} s. Everything you added is saved."),
    N_("The server stopped before this page was ready."),
    N_("Many people are joining at once, so this takes longer than usual."),
    N_("Keep this page open: it carries on by itself."),
    N_("The workshop did not answer this page."),
    N_("This page could not connect to the workshop."),
    N_("This page did not start."),
    N_("Drawing the workshop on this device…"),
    N_("Still loading on this device…"),
    N_("This device or its network is slow today: the page carries on by itself. "
       "Keep it open."),
    N_("This can take a few seconds."),
    N_("The server could not open this page ({reason})."),
    N_("{name} is {size}: files up to {most} can be uploaded. Type its path on the "
       "computer that runs the workshop in the \"or a path\" field instead, or upload a "
       "smaller export."),
    N_("Journey map"),
    N_("Chart"),
    N_("{name} (scrolls with the arrow keys)"),
    # the lobby (lobby.html): a place in line, a rough wait, and what went wrong
    N_("Next"),
    N_("your place in line"),
    N_("Many people are joining at once, so pages open in turn."),
    N_("Yours opens in {wait}. Keep this page open: it opens by itself."),
    N_("a few seconds"),
    N_("about {seconds} s"),
    N_("about {minutes} min"),
    N_("This page could not be opened."),
    N_("{reason} Try again, and if it happens again, tell your facilitator."),
    N_("This page keeps trying by itself. Everything you added is saved."),
    N_("Many people are joining at once."),
    N_("The workshop server did not answer as expected."),
    N_("Cannot reach the workshop server."),
    TOO_MANY_FROM_ONE,
    LINE_FULL,
    *ERROR_WORDS,
)


def page_language(query: str) -> str:
    """The language a page's query asks for (`lang=de`), English when none or unknown."""
    asked = dict(parse_qsl(query)).get("lang")
    return language.known(asked) if asked in language.LANGUAGES else language.SOURCE


def page_words(code: str) -> dict[str, str]:
    """The table of the pages' words in `code`: each English word and what it says."""
    catalogue = language.translations(code)
    return {word: catalogue.gettext(word) for word in WORDS}


def error_words() -> dict[str, dict[str, str]]:
    """The error pages' words in every language the kit speaks besides English:
    language code -> English word -> the word in that language."""
    return {code: {word: language.translations(code).gettext(word) for word in
                   ("Journey-mapping workshop", *ERROR_WORDS)}
            for code in language.LANGUAGES if code != language.SOURCE}


def said(code: str, word: str, **values: str) -> str:
    """`word` in `code`, its placeholders filled."""
    text = language.translations(code).gettext(word)
    return text.format(**values) if values else text
