#!/usr/bin/env bash
# Browser for the end-to-end test: Debian chromium + chromium-driver, and Thai fonts for screenshots.
# (Browser downloads by Playwright/Selenium Manager are not possible here; Debian's packages are.)
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list 2>/dev/null | grep -qi "tlwg\|loma\|garuda"; then
  exit 0
fi
SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q chromium chromium-driver fonts-thai-tlwg >/dev/null 2>&1 || {
  $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium chromium-driver fonts-thai-tlwg >/dev/null; }
/usr/bin/chromium --version
