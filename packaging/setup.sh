#!/usr/bin/env bash
# One entry point for a fresh Debian machine:
#   bash packaging/setup.sh app [--demo] [app args…]   install what the app needs, then start it
#   bash packaging/setup.sh test [pytest args…]        install what the tests need, then run the whole suite
# Everything the machine needs is installed here, never by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-app}; shift || true

APT_APP=(python3 python3-venv python3-pip tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd fonts-dejavu-core fonts-freefont-ttf
         qpdf poppler-utils libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
         libxcb-render-util0 libxcb-image0 libxcb-xkb1
         postgresql-client)  # pg_dump/pg_restore: backup and restore of a shared PostgreSQL store
APT_TEST=(xvfb postgresql libreoffice-calc-nogui fonts-dejavu-extra)  # LibreOffice: the export read-back test; fonts: tests.pagegen

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "== apt: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
    local extra=$1 stamp
    [ -x .venv/bin/python ] || python3 -m venv .venv
    stamp=".venv/.installed-$extra-$(sha256sum pyproject.toml | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        echo "== pip: hotich_desktop[$extra]"
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[$extra]"
        touch "$stamp"
    fi
    # Compiled translations (.qm) are committed beside their .ts (a wheel or a bundle has no lrelease);
    # rebuilt here when a .ts changed, and tests/install/test_translations.py checks they match.
    for ts in hotich_desktop/resources/translations/*.ts; do
        qm="${ts%.ts}.qm"
        if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"; fi
    done
}

case "$MODE" in
    app)
        apt_install "${APT_APP[@]}"
        python_env app
        exec .venv/bin/hotich-desktop "$@"
        ;;
    test)
        apt_install "${APT_APP[@]}" "${APT_TEST[@]}"
        python_env test
        export QT_QPA_PLATFORM=offscreen OMP_THREAD_LIMIT=1
        export HOTICH_FULL_SUITE=1  # tests that need PostgreSQL or LibreOffice fail instead of skipping
        # A throw-away PostgreSQL on loopback so the store suite also runs against a real server.
        eval "$(bash packaging/pg_throwaway.sh start)"
        trap 'bash packaging/pg_throwaway.sh stop "$HOTICH_TEST_PG_DIR" >/dev/null 2>&1 || true' EXIT
        .venv/bin/lint-imports --config pyproject.toml
        # The Linux bundle takes minutes to build: only on request, then tests/install/test_bundle.py checks it.
        if [ "${HOTICH_BUNDLE_TEST:-0}" = 1 ]; then bash packaging/build.sh; fi
        set +e
        .venv/bin/python -m pytest "$@"
        rc=$?
        set -e
        [ $rc -eq 5 ] && { echo "pytest collected no tests: that is a failure here"; exit 1; }
        exit $rc
        ;;
    *)
        echo "usage: bash packaging/setup.sh app [--demo] | test [pytest args]" >&2; exit 2;;
esac
