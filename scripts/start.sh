#!/usr/bin/env bash
# Install annotator into .venv and open the bundled sample agreement.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_setup.sh
if [ "$(uname -s)" = Linux ]; then
    ensure_debian_packages $QT_OFFSCREEN_PACKAGES $QT_WINDOW_PACKAGES
fi
ensure_venv ""
exec .venv/bin/annotator --sample "$@"
