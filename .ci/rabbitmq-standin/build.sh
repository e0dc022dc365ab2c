#!/usr/bin/env bash
# CI only: builds a local stand-in for the RabbitMQ image that docker-compose.yml names (rabbitmq:4.1), where no
# image registry can be reached, so that the compose smoke can run the `cluster` profile. Does nothing when the
# image is already there. Users never run this: their engine pulls the official image.
#
# The stand-in: Debian's rabbitmq-server package (its rabbitmq_stomp plugin is part of it) in a debootstrap root
# filesystem, plus docker-entrypoint.sh beside this script, which honours what the compose files rely on from the
# official image: RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS, /etc/rabbitmq/enabled_plugins and
# /etc/rabbitmq/conf.d/*.conf mounted in, logs on stdout, rabbitmq-diagnostics for the health check.
# Needs root, a reachable engine (DOCKER_HOST) and Debian's package mirror; a few minutes when cold.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../standin-lib.sh"
image=${RABBITMQ_IMAGE:-$(standin_image_of rabbitmq "$here/../../docker-compose.yml")}
[[ -n "$image" ]] || { echo "no image for the rabbitmq service in docker-compose.yml" >&2; exit 1; }
if docker image inspect "$image" >/dev/null 2>&1; then echo "$image: present"; exit 0; fi
# trixie ships RabbitMQ 4.0, the closest Debian has to the 4.x the compose file names
standin_build "$image" trixie rabbitmq-server,procps "$here"
