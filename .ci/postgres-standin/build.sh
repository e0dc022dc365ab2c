#!/usr/bin/env bash
# CI only: builds a local stand-in for the PostgreSQL image that docker-compose.yml names (postgres:17), where no
# image registry can be reached, so that the compose smoke can run the `postgres` profile. Does nothing when the
# image is already there. Users never run this: their engine pulls the official image.
#
# The stand-in: a Debian root filesystem with Debian's postgresql-<major> packages (debootstrap, as
# ../shared/tools/local-docker-engine.sh does for the Java base image), plus docker-entrypoint.sh beside this
# script, which honours what docker-compose.yml relies on from the official image: POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_DB, PGDATA (the data volume), PGPORT, /docker-entrypoint-initdb.d/*.sql|*.sh on an
# empty data directory, and a pg_isready HEALTHCHECK.
# Needs root (debootstrap), a reachable engine (DOCKER_HOST) and Debian's package mirror; ~3 min when cold.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
compose_file=$here/../../docker-compose.yml
# the postgres service's image, exactly as the compose file names it
image=${POSTGRES_IMAGE:-$(awk '/^  postgres:/{p=1; next} p && /^  [a-z]/{p=0} p && $1=="image:"{print $2; exit}' "$compose_file")}
[[ -n "$image" ]] || { echo "no image for the postgres service in $compose_file" >&2; exit 1; }
if docker image inspect "$image" >/dev/null 2>&1; then echo "$image: present"; exit 0; fi

major=${image##*:}; major=${major%%[.-]*}
# the Debian release that ships that major version (its own packages, nothing from outside Debian)
case "$major" in
  15) suite=bookworm ;;
  17) suite=trixie ;;
  *) echo "no Debian release with PostgreSQL '$major' known to $0 (image $image)" >&2; exit 1 ;;
esac
command -v debootstrap >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null

work=$(mktemp -d /tmp/skirmish-postgres-standin.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
echo "$image: building a stand-in from Debian $suite's postgresql-$major" >&2
debootstrap --variant=minbase --include="postgresql-$major,postgresql-client-$major" "$suite" "$rootfs" \
  http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2; echo "debootstrap failed" >&2; exit 1; }
# the package's own cluster (created by its postinst) is not wanted: the entrypoint makes one in PGDATA
rm -rf "$rootfs/etc/postgresql/$major" "$rootfs/var/lib/postgresql/$major" "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/var/lib/apt/lists/*
base=skirmish-ci/postgres-rootfs:$major
tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
docker build -q --build-arg "BASE=$base" --build-arg "PG_MAJOR=$major" -t "$image" "$here" >/dev/null
docker rmi "$base" >/dev/null   # only the tag: the stand-in's layers stay
echo "$image: built" >&2
