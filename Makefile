# Shortcuts for scripts/dev.py, which does the work and needs nothing but Python 3.11+.
PYTHON ?= python3
VENV_PYTHON := .venv/bin/python
PORT ?= 8000

.PHONY: run demo-reset test lint typecheck bench bench-quick messages venv

run:
	$(PYTHON) scripts/dev.py run --port $(PORT)

# Empty the database and load the demo again; asks first, unless: make demo-reset YES=1
demo-reset:
	$(PYTHON) scripts/dev.py demo-reset $(if $(YES),--yes)

# Extra pytest arguments: make test ARGS="-k delegation -x"
test:
	$(PYTHON) scripts/dev.py test $(ARGS)

lint:
	$(PYTHON) scripts/dev.py lint

typecheck: venv
	$(VENV_PYTHON) -m mypy

# Create .venv, or reinstall requirements-dev.txt if a requirements file changed.
venv:
	$(PYTHON) scripts/dev.py setup

# PostgreSQL at 10^5 and 10^6 delegations through gunicorn, each figure beside its floor (issue 15).
# Builds fa_bench_e5 / fa_bench_e6 once (benchmarks/generate.py). One scale: make bench SCALES=e5
SCALES ?= e5 e6
bench: venv
	@status=0; for scale in $(SCALES); do \
		$(VENV_PYTHON) -m benchmarks.national --scale $$scale --markdown benchmarks/results-$$scale.md $(ARGS) || status=1; \
	done; exit $$status

# The quick check on SQLite (no PostgreSQL needed): functions at a province's size, pytest-benchmark.
bench-quick: venv
	$(VENV_PYTHON) -m pytest benchmarks --benchmark-only $(ARGS)

messages: venv
	PYTHON=$(VENV_PYTHON) bash scripts/make_messages.sh
