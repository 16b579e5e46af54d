#!/usr/bin/env bash
# Refresh the translation catalogues: one per app (so that work on different apps does not collide
# in one file) and one at the top for the project package and templates/. Then compile them.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
# Absolute, without resolving the venv's symlink (that would leave the virtual environment).
python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")"
for app in accounts plans delegations reports dashboard; do
  mkdir -p "$app/locale"
  (cd "$app" && "$python" ../manage.py makemessages -l vi -l en --no-obsolete)
done
mkdir -p locale
"$python" manage.py makemessages -l vi -l en --no-obsolete \
  --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests --ignore=scripts \
  --ignore=accounts --ignore=plans --ignore=delegations --ignore=reports --ignore=dashboard
"$python" manage.py compilemessages --ignore=.venv
