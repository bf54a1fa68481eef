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
	.venv/bin/lint-imports
	.venv/bin/mypy
	.venv/bin/python -m pytest

samples: setup
	.venv/bin/python samples/build_samples.py

# `make bench` runs every benchmark in benchmarks/ (one target each: `make bench-html`, ...).
# They measure this checkout's src/ and print ratios against a baseline timed in the same run.
BENCHES := $(patsubst benchmarks/bench_%.py,bench-%,$(sort $(wildcard benchmarks/bench_*.py)))

.PHONY: $(BENCHES)
bench: $(BENCHES)

$(BENCHES): bench-%: setup
	PYTHONPATH=src .venv/bin/python benchmarks/bench_$*.py
