#!/usr/bin/env bash
# CI only: builds a local stand-in for the HAProxy image that docker-compose.yml names (haproxy:3.2), where no
# image registry can be reached, so that the compose smoke can run the `cluster` profile. Does nothing when the
# image is already there. Users never run this: their engine pulls the official image.
#
# The stand-in: Debian's haproxy package in a debootstrap root filesystem, started as the official image starts it
# (haproxy -W -db -f /usr/local/etc/haproxy/haproxy.cfg, the file the compose files mount).
# Needs root, a reachable engine (DOCKER_HOST) and Debian's package mirror; a few minutes when cold.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../standin-lib.sh"
image=${HAPROXY_IMAGE:-$(standin_image_of lobby-lb "$here/../../docker-compose.yml")}
[[ -n "$image" ]] || { echo "no image for the lobby-lb service in docker-compose.yml" >&2; exit 1; }
if docker image inspect "$image" >/dev/null 2>&1; then echo "$image: present"; exit 0; fi
standin_build "$image" trixie haproxy "$here"
