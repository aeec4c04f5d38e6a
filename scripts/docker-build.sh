#!/usr/bin/env bash
# CI: build the Docker image and check that it starts and answers /healthz, when a Docker engine
# is present. Without one (only the client, or no docker at all) it says so and does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker > /dev/null || ! docker info > /dev/null 2>&1; then
  echo "docker-build: no Docker engine here; the image is not built"
  exit 0
fi
docker build -q -t tollwatch:ci .
id=$(docker run -d -p 127.0.0.1::8000 tollwatch:ci)
trap 'docker rm -f "$id" > /dev/null' EXIT
port=$(docker port "$id" 8000 | head -1 | sed 's/.*://')
for _ in $(seq 60); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" 2> /dev/null; then
    [ "$(docker exec "$id" id -u)" != 0 ] || { echo "docker-build: the server runs as root" >&2; exit 1; }
    echo "docker-build: tollwatch:ci serves /healthz"
    exit 0
  fi
  sleep 1
done
echo "docker-build: the container did not answer /healthz within a minute" >&2
docker logs "$id" >&2
exit 1
