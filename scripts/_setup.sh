# Shared by start.sh and test.sh: system libraries for Qt and a virtual environment with annotator in it.
# Usage: source scripts/_setup.sh EXTRA   (EXTRA: "" or "test")

_missing_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
    done
}

ensure_debian_packages() {
    local missing
    missing=$(_missing_debian_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing system packages: $(echo $missing)"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "Please install these system packages first (then run this again):" >&2
        echo "    sudo apt-get install $(echo $missing)" >&2
        return 1
    fi
}

# Qt offscreen needs the first list; a real window under X11 or Xvfb also the second.
QT_OFFSCREEN_PACKAGES="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0"
QT_WINDOW_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0"

ensure_venv() {
    local extra="$1"
    local python="${PYTHON:-python3}"
    if [ ! -x .venv/bin/python ]; then
        "$python" -m venv .venv
    fi
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    if [ -n "$extra" ]; then
        .venv/bin/python -m pip install -q -e ".[$extra]"
    else
        .venv/bin/python -m pip install -q -e .
    fi
}
