#!/usr/bin/env bash
# Set up a development machine (idempotent): system packages when run as root, then
# .venv with xlplugin installed editable with its test extra.
set -euo pipefail
cd "$(dirname "$0")"

# fonts-liberation: Arial's metrics (Liberation Sans), which the writers name and size rows
# with; fonts-crosextra-carlito: Calibri's (Carlito), the default font of cells left plain.
DEBIAN_PACKAGES=(libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-dejavu-core
                 fonts-liberation fonts-crosextra-carlito)

missing_packages() {
  local p
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  mapfile -t MISSING < <(missing_packages)
  if [ "${#MISSING[@]}" -gt 0 ]; then
    echo "setup.sh: memasang paket Debian: ${MISSING[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${MISSING[@]}"
  fi
elif ! command -v soffice >/dev/null 2>&1; then
  echo "setup.sh: LibreOffice (soffice) tidak ditemukan; jalankan sebagai root atau pasang:" \
       "${DEBIAN_PACKAGES[*]}" >&2
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
echo "setup.sh: siap (.venv)."
