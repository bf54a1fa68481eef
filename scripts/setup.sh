#!/usr/bin/env bash
# Set up everything accessconv needs on Debian/Ubuntu: system packages, then .venv/.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the project needs: liblouis, its tables and Python binding (braille); Pango and
# Liberation Sans, the free stand-in for Arial (the PDFs, typeset by Typst; Pango is for WeasyPrint,
# which the PDF check tests use to make broken PDFs); poppler-utils
# (PDF pages to images in the tests); chromium for the browser audit, driven by Playwright from
# /usr/bin/chromium (never `playwright install`); redis-server for the service's shared-queue test
# (tests/test_service_redis.py starts and stops its own); libbrailleutils-java for the DAISY
# consortium's own PEF 2008-1 schema, which the tests hold every PEF to (no Java is installed or run:
# the schema is read out of the jar).
APT_PACKAGES="python3 python3-venv liblouis20 liblouis-data python3-louis liblouis-bin poppler-utils \
libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation chromium redis-server libbrailleutils-java"

missing=""
for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
    else
        echo "accessconv needs some system packages. Please run:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y$missing" >&2
        echo "then run this command again." >&2
        exit 1
    fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev,browser]'
    rm -f .venv/.installed-*
    touch "$stamp"
fi

# Debian's louis module is a pure-Python ctypes wrapper; expose only it (not all of
# dist-packages) to the venv through a .pth file pointing at a one-package folder.
louis_src=$(/usr/bin/python3 -c 'import louis, os; print(os.path.dirname(louis.__file__))')
mkdir -p .venv/debian-louis
ln -sfn "$louis_src" .venv/debian-louis/louis
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$(pwd)/.venv/debian-louis" > "$site/debian_louis.pth"
.venv/bin/python -c 'import louis; louis.translateString(["en-ueb-g2.ctb"], "ok")' \
    || { echo "accessconv: liblouis is installed but 'import louis' fails in .venv" >&2; exit 1; }
