# shellcheck shell=bash
# The headless browser the page tests drive: Debian's Chromium and its chromedriver. Source this
# file; do not run it.
#
#   browser_up   install chromium and chromium-driver if either is missing, and a Chinese font
#                (fonts-wqy-microhei) so the pages' screenshots show their Chinese labels

browser_up() {
  if [[ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]]; then
    apt_install fonts-wqy-microhei
  fi
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    log "Chromium for the page tests: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
    return 0
  fi
  apt_install chromium chromium-driver
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] \
    || die "chromium and chromedriver are still missing after apt-get install; install them by hand and run again"
  log "Chromium for the page tests: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
}
