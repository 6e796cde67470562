"""The layouts' Jinja2 templates, rendered in the sandbox: an exhibition folder may bring its
own layout, and a template must not reach Python's internals, files outside its layout, nor
spend the machine's memory. A mistake in a template is reported at its file and line."""

from __future__ import annotations

import operator
import os
import re
import time
import traceback
from pathlib import Path

import jinja2
import tinyhtml5
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from booklet.bundled import FONTS_DIR
from booklet.messages import N_, _
from booklet.problems import ContentError, Problem
from booklet.render import headline, layouts

MAX_TEXT = 10_000_000  # characters a template may make: far beyond any booklet
MAX_SECONDS = 20  # a booklet's template runs in a tenth of a second


class RootedLoader(jinja2.FileSystemLoader):
    """Templates of one folder only: a link leading out of it (to /etc/passwd, to another
    layout's folder) is refused, as Jinja itself refuses `..` in a name."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(root).resolve()) for root in self.searchpath):
            raise jinja2.TemplateNotFound(template, _(
                "{name} leads outside its layout folder (through a link); refused").format(
                name=template))
        return source, filename, uptodate


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with `*` and `**` kept to sizes a page can hold."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > 100:
                raise SecurityError(_("an exponent above 100 is refused"))
            return operator.pow(left, right)
        if isinstance(left, int) and isinstance(right, (str, list, tuple)):
            left, right = right, left
        if isinstance(left, (str, list, tuple)) and isinstance(right, int) \
                and len(left) * right > MAX_TEXT:
            raise SecurityError(_("a repetition larger than 10 million is refused"))
        return operator.mul(left, right)


def environment(layout: layouts.Layout) -> jinja2.Environment:
    """Templates by plain name from the layout's own folders, or by "memorial/booklet.html"
    and "_shared/booklet.html" from the bundled ones, so that an event's layout can extend."""
    bundled = {folder.name: RootedLoader(str(folder))
               for folder in layouts.BUNDLED.iterdir() if folder.is_dir()}
    own = jinja2.ChoiceLoader([RootedLoader(str(folder)) for folder in layout.folders])
    env = Sandbox(loader=jinja2.ChoiceLoader([own, jinja2.PrefixLoader(bundled)]),
                  autoescape=True, undefined=jinja2.StrictUndefined,
                  trim_blocks=True, lstrip_blocks=True)
    env.filters["balanced"] = balanced
    return env


def balanced(text: str, font: str, size_pt: float, width_mm: float) -> tuple[str, ...]:
    """`text` in the fewest lines that fit `width_mm` at `size_pt` in the bundled `font`
    ("PTSans-Regular"), as even as possible (headline.py): a subtitle with no short word left
    alone on its last line. A font not bundled, a text too long to balance, or a text already
    marked up (a parallel booklet's two languages, render/parallel.py): the text whole, for
    the browser to wrap."""
    path = FONTS_DIR / f"{font}.ttf"
    if isinstance(text, Markup) and "<" in text:
        return (text,)
    if not text or not re.fullmatch(r"[A-Za-z0-9-]+", str(font)) or not path.is_file():
        return (text,) if text else ()
    return headline.balance(str(text), path, float(width_mm) * 72 / 25.4, float(size_pt))


def render(layout: layouts.Layout, name: str, context: dict) -> str:
    """The template `name` of the layout filled with `context`; ContentError at the
    template's line if it cannot be (a syntax error, a missing value, a refused access)."""
    try:
        html = _bounded(environment(layout).get_template(name).generate(**context))
    except RecursionError:
        raise ContentError([_problem(layout, name, None, _(
            "the templates extend or include each other in a circle"))]) from None
    except Exception as exc:  # whatever a template does wrong is the template's error
        raise ContentError([_problem(layout, name, exc, _message(exc))]) from None
    if _has_attachment(html):
        raise ContentError([_problem(layout, name, None, _(
            'rel="attachment" would embed a file in the PDF; attachments are refused in '
            'templates'))])
    return html


def _bounded(pieces) -> str:
    """The template's output, piece by piece, stopped when it grows past MAX_TEXT or runs
    past MAX_SECONDS (a loop in a loop in a loop): a layout may not hold a build forever."""
    started, size, kept = time.monotonic(), 0, []
    for piece in pieces:
        size += len(piece)
        kept.append(piece)
        if size > MAX_TEXT:
            raise SecurityError(_("the template makes more than 10 million characters"))
        if time.monotonic() - started > MAX_SECONDS:
            raise SecurityError(_("the template runs for more than {limit} s").format(
                limit=MAX_SECONDS))
    return "".join(kept)


def _has_attachment(html: str) -> bool:
    """Whether any element has rel=attachment, as WeasyPrint's own parser reads it (an
    attribute's value may be written with character references; its name may not)."""
    if not re.search(r"\srel\s*=", html, re.IGNORECASE):
        return False
    from weasyprint.html import element_has_link_type

    return any(element_has_link_type(element, "attachment")
               for element in tinyhtml5.parse(html).iter())


# Jinja's own messages most often met, in the user's words; any other is quoted as it is
JINJA = [
    (r"No filter named '(?P<name>[^']+)'\.?", N_('no filter named "{name}"')),
    (r"No test named '(?P<name>[^']+)'\.?", N_('no test named "{name}"')),
    (r"'(?P<name>[^']+)' is undefined", N_('"{name}" is undefined')),
    (r".*? has no attribute '(?P<name>[^']+)'", N_('no field "{name}" there')),
    (r"Encountered unknown tag '(?P<name>[^']+)'.*", N_('unknown tag "{name}"')),
    (r"unexpected end of template.*innermost block that needs to be closed is "
     r"'(?P<name>[^']+)'.*", N_('the template ends before its "{name}" is closed')),
    (r"unexpected end of template.*", N_("the template ends before its last tag is closed")),
    (r"unexpected '(?P<given>[^']+)', expected '(?P<name>[^']+)'",
     N_('expected "{name}", got "{given}"')),
    (r"unexpected '(?P<name>[^']+)'", N_('"{name}" where it cannot stand')),
    (r"expected token '(?P<name>[^']+)', got '(?P<given>[^']+)'",
     N_('expected "{name}", got "{given}"')),
]
TOKENS = {"end of print statement": "}}", "end of statement block": "%}",
          "begin of print statement": "{{", "begin of statement block": "{%"}


def _jinja_words(message) -> str:
    text = str(message)
    for pattern, words in JINJA:
        match = re.fullmatch(pattern, text, re.DOTALL | re.IGNORECASE)
        if match:
            return _(words).format(**{k: TOKENS.get(v, v) for k, v in match.groupdict().items()})
    return text


def _message(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return _("no template {name}").format(name=exc.message or exc.name)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _("template syntax: {what}").format(what=_jinja_words(exc.message))
    if isinstance(exc, SecurityError):
        return _("refused in a template: {what}").format(what=exc)
    if isinstance(exc, jinja2.TemplateError):
        return _("template: {what}").format(what=_jinja_words(exc.message or exc))
    return _("the template fails: {what}").format(what=f"{type(exc).__name__}: {exc}")


def _problem(layout: layouts.Layout, name: str, exc: Exception | None, message: str) -> Problem:
    """Where in the templates `exc` arose: its own file and line, or the innermost template
    frame of its traceback, or else the first line of the template asked for."""
    file, line = None, 1
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        file, line = exc.filename, exc.lineno or 1
    elif exc is not None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".html") and os.path.isfile(frame.filename):
                file, line = frame.filename, frame.lineno or 1
                break
    if file is None:
        file = str(next((f / name for f in layout.folders if (f / name).is_file()),
                        layout.folders[0] / name))
    return Problem(_shown(file), line, 1, message)


def _shown(file: str) -> str:
    try:
        relative = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        return file
    return file if relative.startswith("..") else relative
