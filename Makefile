# The two commands a newcomer needs: `make demo` and `make test`.
.PHONY: setup demo test lint bench samples

setup:
	bash scripts/setup.sh

# Exit code 1 means "converted, and the report lists what a person must still fix" (the Easy Read
# draft always has some), so the demo only fails on 2: the sample could not be converted at all.
demo: setup
	.venv/bin/accessconv convert samples/draft-strategy.docx || [ $$? -eq 1 ]

test: setup
	.venv/bin/ruff check src tests benchmarks samples
	.venv/bin/python -m pytest

samples: setup
	.venv/bin/python samples/build_samples.py

bench: setup
	.venv/bin/python benchmarks/bench_html.py
