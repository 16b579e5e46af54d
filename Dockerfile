# Production image of the portal: gunicorn serves the site, whitenoise the static files.
# The same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# LibreOffice's Writer turns compiled reports into PDF in the worker (reports/pdf.py).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

RUN useradd --system --user-group --uid 1000 --home-dir /app --no-create-home --shell /usr/sbin/nologin portal

COPY . .

# collectstatic imports the production settings, which refuse to load without a SECRET_KEY; this
# throwaway key exists only during the build and is never used at run time.
ARG BUILD_SECRET_KEY=collectstatic-only-not-a-secret
RUN DJANGO_ENV=production SECRET_KEY="$BUILD_SECRET_KEY" VAR_DIR=/tmp/build-var \
        python manage.py collectstatic --noinput \
    && rm -rf /tmp/build-var \
    && mkdir -p /app/var/media \
    && chown -R portal:portal /app/var

# var/ holds uploads and compiled reports (MEDIA_ROOT); docker-compose.yml mounts a volume there.
ENV DJANGO_ENV=production \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/media

USER portal
EXPOSE 8000
# Workers, timeouts and the bind address come from the environment (gunicorn.conf.py).
CMD ["gunicorn", "foreign_affairs.wsgi:application"]
