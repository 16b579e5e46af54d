#!/usr/bin/env bash
# Refresh the translation catalogues: one per app (so that work on different apps does not collide
# in one file) and one at the top for the wiring package, core/ and templates/. Then compile them.
# Entries carry no source locations and are sorted by text, and the creation date is pinned, so
# two branches that add different texts merge without conflicts.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
# Absolute, without resolving the venv's symlink (that would leave the virtual environment).
python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")"
apps=(accounts notifications plans delegations reports dashboard)
for app in "${apps[@]}"; do
  mkdir -p "$app/locale"
  (cd "$app" && "$python" ../manage.py makemessages -l vi -l en --no-obsolete --no-location)
done
mkdir -p locale
ignores=()
for app in "${apps[@]}"; do ignores+=("--ignore=$app"); done
"$python" manage.py makemessages -l vi -l en --no-obsolete --no-location \
  --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests --ignore=scripts "${ignores[@]}"
for po in locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po; do
  msgattrib --sort-output --no-location --no-wrap -o "$po" "$po"
  sed -i 's/^"POT-Creation-Date: .*\\n"$/"POT-Creation-Date: 2026-01-01 00:00+0700\\n"/' "$po"
done
"$python" manage.py compilemessages --ignore=.venv
