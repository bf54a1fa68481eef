"""Braille: translation through liblouis, page layout, and the BRF / PEF / preview files.

translate.py wraps liblouis (tables, typeform, untranslatable characters); layout.py turns the
document model into pages of braille cells; files.py writes and reads BRF, PEF and the Unicode
preview. Everything inside works on Unicode braille cells (U+2800-U+28FF); only files.py knows
about braille ASCII.
"""
