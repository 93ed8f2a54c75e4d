# Sourced by the other scripts: installs the Debian packages that are
# missing, as root on Debian; elsewhere prints the exact command and stops.
#   needs_packages <tag> <package>...
needs_packages() {
  local tag=$1
  shift
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local command="apt-get install -y ${missing[*]}"
  if [[ $(id -u) -ne 0 || ! -x /usr/bin/apt-get ]]; then
    printf '\033[1m[%s]\033[0m %s\n' "$tag" "missing Debian packages: ${missing[*]}"
    printf '\033[1m[%s]\033[0m %s\n' "$tag" "install them with:  sudo apt-get update && sudo $command"
    exit 1
  fi
  printf '\033[1m[%s]\033[0m %s\n' "$tag" "installing ${missing[*]}"
  # Another process may hold the dpkg lock for a while (unattended upgrades).
  local attempt
  for attempt in 1 2 3 4 5 6; do
    if DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive $command; then
      return 0
    fi
    if ((attempt == 6)); then
      printf '\033[1m[%s]\033[0m %s\n' "$tag" "apt-get failed; run:  apt-get update && $command"
      exit 1
    fi
    printf '\033[1m[%s]\033[0m %s\n' "$tag" "apt-get failed (the package lock may be busy); retrying in 20 s"
    sleep 20
  done
}
