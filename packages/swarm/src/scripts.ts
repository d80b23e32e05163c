/**
 * deploy-swarm's remote side: constant POSIX sh scripts run on a manager, data only as positional
 * arguments or stdin (docs/architecture.md, "Remote scripts"). Paths arrive absolute: a `~/`
 * deploy-path is resolved against the $HOME SWARM_ROLE prints (a quoted argument is never
 * tilde-expanded).
 */

/** Prints `manager`, `worker` or `inactive` and the engine version, then $HOME; exit 3 without docker. */
export const SWARM_ROLE = `set -u
command -v docker >/dev/null 2>&1 || { echo 'docker is not installed (or not on PATH for this user)' >&2; exit 3; }
info=$(docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.ServerVersion}}' 2>&1) || { printf '%s\\n' "$info" >&2; exit 3; }
set -- $info
if [ "$1" = active ] && [ "$2" = true ]; then echo "manager $3"
elif [ "$1" = active ]; then echo "worker $3"
else echo "inactive $3"; fi
printf '%s\\n' "$HOME"`;

/**
 * Login into a temporary Docker config from the password on stdin ($registry, $user; none when
 * $user is empty), removed on exit, so credentials never persist on the manager.
 */
const LOGIN = `cfg=$(mktemp -d)
trap 'rm -rf -- "$cfg"' EXIT
DOCKER_CONFIG=$cfg; export DOCKER_CONFIG
if [ -n "$user" ]; then docker login --username "$user" --password-stdin "$registry" >/dev/null
else cat >/dev/null; fi
`;

/**
 * $1 registry, $2 user, then image references. Pulls each (so the manager knows its digest) and
 * prints `<ref>\\t<repo digests…>`; an image only on this node prints no digest. Exit 3: an image
 * neither pullable nor present.
 */
export const SWARM_RESOLVE = `set -u
registry=$1; user=$2; shift 2
${LOGIN}for ref in "$@"; do
  if ! out=$(docker pull -q "$ref" 2>&1); then
    docker image inspect "$ref" >/dev/null 2>&1 || { printf 'cannot pull %s: %s\\n' "$ref" "$out" >&2; exit 3; }
  fi
  printf '%s\\t%s\\n' "$ref" "$(docker image inspect --format '{{range .RepoDigests}}{{.}} {{end}}' "$ref")"
done`;

/** $1 stack dir . Creates a private staging directory in it and prints its path. */
export const SWARM_STAGE = `set -eu
umask 077
mkdir -p -- "$1/staging"
find "$1/staging" -mindepth 1 -maxdepth 1 -mmin +60 -exec rm -rf -- {} + 2>/dev/null || true
mktemp -d "$1/staging/run.XXXXXX"`;

/** $1 file path. Writes stdin to it, private (mode 600), creating its directory. */
export const SWARM_WRITE = `set -eu
umask 077
mkdir -p -- "$(dirname -- "$1")"
cat > "$1"`;

/**
 * $1 staging dir (holding stack.yml and files/), $2 stack, $3 registry, $4 user ('' = none),
 * $5 resolve-image (always|never), $6 prune (true|false). Registry password on stdin. Deploys with
 * the credentials passed to the nodes, then removes the staging directory (the secrets' files).
 */
export const SWARM_DEPLOY = `set -u
dir=$1; stack=$2; registry=$3; user=$4; resolve=$5; prune=$6
${LOGIN}trap 'rm -rf -- "$cfg" "$dir"' EXIT
cd -- "$dir"
set -- docker stack deploy --with-registry-auth --resolve-image "$resolve" -c stack.yml
if [ "$prune" = true ]; then set -- "$@" --prune; fi
"$@" "$stack"`;

/**
 * $1 stack. The stack's services and tasks as JSON, separated by a line of '---' (empty arrays
 * for a stack that does not exist yet). Through the Engine API with curl where the default socket
 * is used, else (or if that fails) the docker CLI.
 */
export const SWARM_STATUS = `set -u
sock=/var/run/docker.sock
if [ -z "\${DOCKER_HOST:-}\${DOCKER_CONTEXT:-}" ] && [ -S "$sock" ] && command -v curl >/dev/null 2>&1; then
  # The Engine API itself: two small requests where the CLI takes four process starts, each a
  # Go binary that competes with dockerd on a small manager; the same JSON as the inspects below.
  f=$(printf '{"label":["com.docker.stack.namespace=%s"]}' "$1")
  if s=$(curl -sf --unix-socket "$sock" -G --data-urlencode "filters=$f" http://localhost/services) &&
    t=$(curl -sf --unix-socket "$sock" -G --data-urlencode "filters=$f" http://localhost/tasks); then
    printf '%s\n---\n%s\n' "$s" "$t"
    exit 0
  fi
fi
ids=$(docker service ls -q --filter "label=com.docker.stack.namespace=$1") || exit 3
if [ -n "$ids" ]; then docker service inspect $ids || exit 3; else echo '[]'; fi
echo ---
tasks=$(docker stack ps -q --no-trunc "$1" 2>/dev/null || true)
# A task can go between the listing and the inspect: docker then prints the others and exits 1.
out=''
if [ -n "$tasks" ]; then out=$(docker inspect $tasks 2>/dev/null); fi
if [ -n "$out" ]; then printf '%s\n' "$out"; else echo '[]'; fi`;

/**
 * $1 stack dir , $2 version, $3 history line. Stores stdin as the version's
 * recorded stack file and appends the line to history.jsonl, both private.
 */
export const SWARM_RECORD = `set -eu
umask 077
mkdir -p -- "$1/versions"
cat > "$1/versions/$2.yml.new"
mv -f -- "$1/versions/$2.yml.new" "$1/versions/$2.yml"
printf '%s\\n' "$3" >> "$1/history.jsonl"`;

/** $1 stack dir . Prints history.jsonl (nothing before the first deploy). */
export const SWARM_HISTORY = `set -u
cat -- "$1/history.jsonl" 2>/dev/null || true`;

/** $1 stack dir , $2 version. Prints that version's recorded stack file; exit 3 if absent. */
export const SWARM_RECORDED = `set -u
cat -- "$1/versions/$2.yml" 2>/dev/null || exit 3`;

/**
 * $1 stack, then names to keep. Removes the stack's configs and secrets not named (one still in
 * use by a service stays: Swarm refuses to remove it). Prints what it removed.
 */
export const SWARM_PRUNE_OBJECTS = `set -u
stack=$1; shift
for kind in config secret; do
  docker "$kind" ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}}' 2>/dev/null |
  while read -r name; do
    keep=no
    for k in "$@"; do [ "$k" = "$name" ] && keep=yes; done
    [ "$keep" = yes ] && continue
    docker "$kind" rm "$name" >/dev/null 2>&1 && printf '%s %s\\n' "$kind" "$name"
  done
done
exit 0`;
