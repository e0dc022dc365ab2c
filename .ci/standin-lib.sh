# Shared by the CI stand-in builders (rabbitmq-standin/, haproxy-standin/): where no image registry can be reached,
# an image the compose file names is built from Debian's own packages instead. CI only; users' engines pull the
# official images. Sourced, not run.

# the image a compose service names, exactly as written in docker-compose.yml
standin_image_of() {
  local service=$1 compose_file=$2
  awk -v s="  $service:" '$0==s{p=1; next} p && /^  [a-z]/{p=0} p && $1=="image:"{print $2; exit}' "$compose_file"
}

# standin_build IMAGE SUITE PACKAGES DOCKER_CONTEXT [BUILD_ARG...]: a debootstrap root filesystem of Debian SUITE
# with PACKAGES (comma separated), imported as a base image, then DOCKER_CONTEXT's Dockerfile on top (ARG BASE).
# Needs root (debootstrap), a reachable engine (DOCKER_HOST) and Debian's package mirror.
standin_build() {
  local image=$1 suite=$2 packages=$3 context=$4; shift 4
  command -v debootstrap >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  local work rootfs base
  work=$(mktemp -d /tmp/skirmish-standin.XXXXXX)
  # shellcheck disable=SC2064 # expand now: the trap runs after this function's locals are gone
  trap "rm -rf '$work'" EXIT
  rootfs=$work/rootfs
  echo "$image: building a stand-in from Debian $suite's $packages" >&2
  debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" http://deb.debian.org/debian \
    >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; echo "debootstrap failed" >&2; return 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  base=skirmish-ci/standin-rootfs:$(tr -c 'a-z0-9\n' '-' <<<"$image")
  tar -C "$rootfs" -c . | docker import - "$base" >/dev/null
  docker build -q --build-arg "BASE=$base" "$@" -t "$image" "$context" >/dev/null
  docker rmi "$base" >/dev/null   # only the tag: the stand-in's layers stay
  echo "$image: built" >&2
}
