#!/usr/bin/env bash
# What the compose files rely on from the official RabbitMQ image's entrypoint (CI stand-in only): the default
# user from RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS (written where the server reads it, never on a command
# line), then the server as the package's user "rabbitmq".
set -euo pipefail
if [[ "${1:-}" != rabbitmq-server ]]; then exec "$@"; fi
if [[ -n "${RABBITMQ_DEFAULT_USER:-}" ]]; then
  umask 077
  printf 'default_user = %s\ndefault_pass = %s\n' "$RABBITMQ_DEFAULT_USER" "${RABBITMQ_DEFAULT_PASS:-}" \
    >/etc/rabbitmq/conf.d/05-default-user.conf
  chown rabbitmq:rabbitmq /etc/rabbitmq/conf.d/05-default-user.conf
  unset RABBITMQ_DEFAULT_PASS
fi
chown rabbitmq:rabbitmq /var/lib/rabbitmq
# Debian's wrapper in /usr/sbin switches to the rabbitmq user by itself
exec /usr/sbin/rabbitmq-server
