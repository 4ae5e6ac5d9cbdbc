# shellcheck shell=bash
# GDAL's ogr2ogr, which turns a land office's Shapefiles and GeoPackages into the GeoJSON that
# grid-service imports (and which grid-service's tests run). Source this file; do not run it.
#
#   gdal_up   install Debian's gdal-bin if ogr2ogr is missing

gdal_up() {
  if ! command -v ogr2ogr >/dev/null 2>&1; then
    apt_install gdal-bin
    command -v ogr2ogr >/dev/null 2>&1 \
      || die "ogr2ogr is still missing after apt-get install gdal-bin; install it by hand and run again"
  fi
  log "ogr2ogr for the grid import tests: $(ogr2ogr --version 2>/dev/null | head -1)"
}
