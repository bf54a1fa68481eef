"""Builders for the browser-audit tests: a draft with every block type, and a broken page."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

EVERY_BLOCK_MD = """\
---
title: Every block type, for the browser tests
lang: en-GB
---

# Every block type, for the browser tests

A paragraph with *emphasis*, **strong words**, [underlined words]{.underline}, ~~struck words~~,
[small capitals]{.smallcaps}, H~2~O, 10^3^, `inline code`, a line break\\
and a footnote.[^one] Read the [consultation page on the council website](https://www.example.gov.uk/consult)
or email <someone@example.gov.uk>. A long address must wrap on a phone:
https://www.example.gov.uk/a/very/long/address/that/goes/on/and/on/without/any/spaces/at/all/to/test/reflow

## Lists

- First bullet
- Second bullet, with a list inside:
    - nested one
    - nested two
- Third bullet

1. First step
2. Second step
    a. Part a
    b. Part b
3. Third step

4. Starting at four
5. And five

## Tables

| Measure | Now | Target |
|---|---|---|
| Vacancies | 1 in 8 | 1 in 16 |
| Leavers | 25% | 15% |

: Measures with a caption

| Area | January | February | March | April | May | June | July | August | September | October |
|---|---|---|---|---|---|---|---|---|---|---|
| Northbrook town centre | 1,204 | 1,310 | 1,187 | 1,402 | 1,388 | 1,291 | 1,455 | 1,502 | 1,377 | 1,420 |
| Southfield and Riverside | 804 | 910 | 887 | 902 | 888 | 891 | 955 | 1,002 | 977 | 920 |

## Pictures

![A red circle on a pale background](circle.png)

Some text with a small picture ![A blue square](square.png) inside the line.

![](circle.png){.decorative}

![A chart kept on another website](https://www.example.gov.uk/chart.png)

### Quotes and code

> "Being asked what I think made me feel listened to."
>
> --- a member of the group

```
accessconv convert draft.docx --browser
```

#### Words we use

Co-production
: Working as equal partners.

Commissioning
: How the council plans and buys services.

---

The end.

[^one]: A footnote with a [link to the policy](https://www.example.gov.uk/policy).
"""


def build_every_block_draft(folder: Path) -> Path:
    """A Markdown draft using every block and inline type our model has, with its pictures."""
    folder.mkdir(parents=True, exist_ok=True)
    circle = Image.new("RGB", (200, 120), "#fdf6e3")
    ImageDraw.Draw(circle).ellipse((60, 20, 140, 100), fill="#c62828")
    circle.save(folder / "circle.png")
    Image.new("RGB", (24, 24), "#1565c0").save(folder / "square.png")
    draft = folder / "every-block.md"
    draft.write_text(EVERY_BLOCK_MD, encoding="utf-8")
    return draft


# A one-pixel PNG.
PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
# Each mistake is one an auditor's axe run must report (BROKEN_RULES names the axe rules).
BROKEN_PAGE = f"""\
<!DOCTYPE html>
<html>
<head><meta charset="utf-8"></head>
<body>
<main>
<h1>A page with mistakes</h1>
<p style="color: #bbbbbb; background: #ffffff">Pale grey text on white.</p>
<img src="data:image/png;base64,{PIXEL}">
<form><input type="text" id="name"></form>
<a href="#top"></a>
<div style="width: 900px">A box nine hundred pixels wide that cannot fit on a phone.</div>
</main>
</body>
</html>
"""
# color-contrast, image-alt, label, link-name, html-has-lang, document-title; and the 900 px box
# fails our reflow check at 320 px.
BROKEN_RULES = {"color-contrast", "image-alt", "label", "link-name", "html-has-lang", "document-title"}


def build_broken_page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    return page


# Fine in light mode; in dark mode the text is nearly as dark as the background.
DARK_MODE_PAGE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Dark mode mistake</title>
<style>
body { color: #1b1b1b; background: #ffffff; }
@media (prefers-color-scheme: dark) { body { color: #2a2a2a; background: #121212; } }
</style></head>
<body><main><h1>Dark mode mistake</h1><p>Readable only in light mode.</p></main></body>
</html>
"""


def build_dark_mode_page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "dark-mode.html"
    page.write_text(DARK_MODE_PAGE, encoding="utf-8")
    return page
