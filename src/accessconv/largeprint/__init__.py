"""Large print and giant print: the Word and PDF writers behind `formats/large_print.py`."""
