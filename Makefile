# Shortcuts for scripts/dev.py, which does the work and needs nothing but Python 3.11+.
PYTHON ?= python3
VENV_PYTHON := .venv/bin/python
PORT ?= 8000

.PHONY: run demo-reset test lint typecheck bench messages venv

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

bench: venv
	@if [ -d benchmarks ]; then \
		$(VENV_PYTHON) -m pytest benchmarks --benchmark-only $(ARGS); \
	else \
		echo "Chưa có thư mục benchmarks."; \
	fi

messages: venv
	PYTHON=$(VENV_PYTHON) bash scripts/make_messages.sh
