# One task runner. `make run` and `make test` are the README's two commands.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test install install-dev lint check

run: install
	$(PY) -m streamlit run serve.py --server.port $(PORT)

test: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m route_atlas check
	$(PY) scripts/audit.py
	$(PY) -m pytest

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev /usr/bin/chromium /usr/sbin/nginx

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
/usr/bin/chromium:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# tests/browser/test_deployment.py runs Debian's nginx with deploy/'s site, as the current user on a
# loopback port; the package's own service is not used.
/usr/sbin/nginx:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check:
	$(PY) -m route_atlas check
