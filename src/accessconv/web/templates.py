"""The page templates: every web page we write is a Jinja2 template that extends `base.html`.

Templates are data inside the package (`templates/` beside each module that renders pages), so a
format keeps its own pages and stylesheet while sharing one skeleton. Values are escaped by the
template (autoescape for .html files, with `html.escape`, exactly as the writers always escaped);
HTML that a writer already built (the blocks from `HtmlWriter`) is passed in as `Markup`, and only
that. Stylesheets (.css) are templates too, filled from the profile's settings, and not escaped.

In a page template, print values with {{ value }} only: Jinja's own |e, |join and |format escape
with MarkupSafe, whose entities differ from html.escape's; join or format in Python instead.
"""

from __future__ import annotations

import base64
import functools
from html import escape

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

ENGINE = "accessconv.web"


@pass_eval_context
def _finalize(eval_ctx: EvalContext, value: object) -> object:
    # Autoescape with the standard library's escape, so pages stay byte-identical to those the
    # writers made before templates (&quot; and &#x27;, where MarkupSafe writes &#34; and &#39;).
    if eval_ctx.autoescape and not hasattr(value, "__html__"):
        return Markup(escape(str(value)))
    return value


def css_string(value: str) -> str:
    """Text for the inside of a double-quoted CSS string."""
    return "".join("\\" + c if c in '\\"' else c for c in value)


@functools.cache
def environment(package: str = ENGINE) -> Environment:
    """Templates from `package`'s templates folder, then the engine's own (base.html, page.html)."""
    loaders = [PackageLoader(package, "templates")] if package != ENGINE else []
    loaders.append(PackageLoader(ENGINE, "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=lambda name: bool(name and name.endswith(".html")),
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["css_string"] = css_string
    env.filters["base64"] = lambda data: base64.b64encode(data).decode("ascii")
    return env


def render(name: str, package: str = ENGINE, /, **context: object) -> str:
    """Template `name` (found first in `package`, then in the engine) filled with `context`."""
    return environment(package).get_template(name).render(**context)
