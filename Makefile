# The two commands a newcomer needs: `make demo` and `make test`.
.PHONY: setup demo test lint bench samples

setup:
	bash scripts/setup.sh

demo: setup
	.venv/bin/accessconv convert samples/draft-strategy.docx

test: setup
	.venv/bin/ruff check src tests benchmarks samples
	.venv/bin/python -m pytest

samples: setup
	.venv/bin/python samples/build_samples.py

bench: setup
	.venv/bin/python benchmarks/bench_html.py
