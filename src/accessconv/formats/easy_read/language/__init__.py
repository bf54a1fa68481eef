"""Easy Read: rewrite a draft as short points with a picture beside each.

The work is split in two halves that meet at the dataclasses in `easyread.model`:

- language (`points`, `plain_words`, `hard_words`, `acronyms`, `numbers`, `readability`):
  `language.transform(doc, settings.language) -> EasyReadDocument` with pictures still unset;
- pictures and layout (`symbols`, `formats/easy_read/`): choose a picture for every point,
  then write the Word and HTML versions and the review sheet.
"""

from . import spacy_import

# Before any step imports spaCy (the parser): without its command-line tools (see spacy_import).
spacy_import.install()
