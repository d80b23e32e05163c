import { READ_EXACT_TOOL } from '@deploy-kit/ssh';
import { SUPERVISE_TOOLS } from './supervise.js';
import { IN_PLACE_HASH_FILE, SLOTS_FILE } from './compose-slots.js';

/**
 * The remote side of deploy-kit: constant POSIX sh scripts. None is built from input; data arrives
 * only as positional arguments (quoted once, in packages/ssh) or on stdin. Exit codes above 2 carry
 * meaning for the caller, as noted on each script.
 */

/**
 * $1 dk dir, $2 lock dir, $3 holder JSON. Prints "acquired", or the holder's JSON and exits 3.
 * The lock dir appears with its holder file already inside (built under a temporary name, then
 * renamed; a rename onto a non-empty directory fails), so a loser always reads a complete holder.
 */
export const LOCK_ACQUIRE = `set -u
mkdir -p -- "$1"
tmp="$2.new.$$"
rm -rf -- "$tmp"
mkdir -- "$tmp" && printf '%s\\n' "$3" > "$tmp/holder.json"
if mv -T -- "$tmp" "$2" 2>/dev/null; then echo acquired; exit 0; fi
rm -rf -- "$tmp"
cat -- "$2/holder.json" 2>/dev/null || echo '{}'
exit 3`;

/**
 * $1 liveness file. Holds an exclusive flock on it for as long as stdin stays open, which is as
 * long as the holder's SSH session lives: sshd ends the session when the runner dies, even by
 * SIGKILL, and the kernel drops the flock. Prints "alive" once held; exit 4: a live session holds
 * it; exit 5: no flock(1) on this host.
 */
export const LOCK_KEEPER = `set -u
command -v flock >/dev/null 2>&1 || exit 5
mkdir -p -- "$(dirname -- "$1")"
exec flock -x -n -E 4 -- "$1" sh -c 'echo alive; exec cat >/dev/null'`;

/**
 * $1 lock dir. Prints its holder JSON. A live holder that has just taken the liveness flock
 * creates the directory a moment later: wait up to 2 s for it before printing '{}'.
 */
export const LOCK_HOLDER = `set -u
i=0
while [ $i -lt 100 ]; do
  if [ -f "$1/holder.json" ]; then cat -- "$1/holder.json"; exit 0; fi
  sleep 0.02; i=$((i + 1))
done
echo '{}'`;

/** $1 lock dir, $2 holder JSON we expect. Removes the lock only if it is still that holder's. */
export const LOCK_RELEASE_IF_HOLDER = `set -u
[ -d "$1" ] || exit 0
current=$(cat -- "$1/holder.json" 2>/dev/null || true)
if [ "$current" = "$2" ]; then rm -rf -- "$1"; echo released; else echo "not ours"; exit 3; fi`;

/**
 * $1 deploy path, $2 history lines wanted (0 = none). Prints what the host has: current release,
 * slot state, releases with mtimes, which have a manifest, and the newest history lines.
 */
export const INSPECT = `set -u
cd -- "$1" 2>/dev/null || { echo "missing=1"; exit 0; }
printf 'current=%s\\n' "$(readlink current 2>/dev/null || true)"
if [ -f .deploy-kit/state.json ]; then printf 'state=%s\\n' "$(cat .deploy-kit/state.json)"; fi
if [ -d releases ]; then
  for d in releases/*/; do
    [ -d "$d" ] || continue
    name=\${d#releases/}; name=\${name%/}
    printf 'release=%s %s\\n' "$(stat -c %Y -- "$d")" "$name"
  done
fi
for m in .deploy-kit/releases/*.json; do
  [ -f "$m" ] || continue
  printf 'manifest=%s\\n' "$(cat -- "$m" | tr -d '\\n')"
done
if [ "\${2:-0}" -gt 0 ] && [ -f .deploy-kit/history.jsonl ]; then
  tail -n "$2" .deploy-kit/history.jsonl | sed 's/^/history=/'
fi`;

/** $1 deploy path. Creates the layout and clears temporaries left by an interrupted run. */
export const PREPARE = `set -eu
mkdir -p -- "$1/releases" "$1/shared" "$1/.deploy-kit/tmp" "$1/.deploy-kit/run" "$1/.deploy-kit/env" "$1/.deploy-kit/releases"
chmod 700 -- "$1/.deploy-kit/env"
find "$1/.deploy-kit/tmp" -mindepth 1 -maxdepth 1 -mmin +0 -exec rm -rf -- {} + 2>/dev/null || true
for d in "$1/releases"/.incoming-*; do
  if [ -e "$d" ] || [ -L "$d" ]; then rm -rf -- "$d" 2>/dev/null || true; fi
done`;

/**
 * What RECEIVE_EXTRACT (with `list`) and PREPARE_UPLOAD report of a tree: `f size mtime mode path`,
 * `l path`, `d path` lines of the current directory. GNU find prints them in one pass (the mtime
 * with a fraction, which the runner drops: stat's %Y has none); a find without -printf (busybox)
 * runs stat in batches, about twice the time (5,000 files: 50 ms against 20 ms).
 */
export const LIST_FILES = `if listing=$(find . ! -path . \\( -type f -printf 'f %s %T@ %m %p\\n' -o -type l -printf 'l %p\\n' -o -type d -printf 'd %p\\n' \\) 2>/dev/null); then
  [ -z "$listing" ] || printf '%s\\n' "$listing"
else
  find . -type f -exec stat -c 'f %s %Y %a %n' {} +
  find . -type l -exec printf 'l %s\\n' {} +
  find . -type d ! -path . -exec printf 'd %s\\n' {} +
fi`;

/**
 * $1 staging dir, $2 checksum file, $3 tar compression flag ('' or 'z'), $4 `into` to unpack into
 * the staging dir as PREPARE_UPLOAD left it (an incremental upload's linked copy) instead of a
 * fresh one, $5 `list` to print LIST_FILES of the staging dir once it is complete. Extracts the
 * archive from stdin while hashing the same bytes (one pass, no archive written to disk).
 *
 * With `into`, stdin starts with `LENGTH\n` and that many bytes of NUL-separated paths to take out
 * of the copy first (files that changed, symlinks, directories the release does not have), so no
 * file of the live release is written through its link; `read` and `dk_read_exact` take exactly that
 * much from the pipe, and the archive follows.
 */
export const RECEIVE_EXTRACT = `set -eu
umask 022
${READ_EXACT_TOOL}if [ "$3" = z ] && ! command -v gzip > /dev/null 2>&1; then
  echo "this host has no gzip to unpack the release stream: set upload-compression: none" >&2
  exit 3
fi
if [ "\${4:-}" = into ]; then
  IFS= read -r len
  if [ "$len" -gt 0 ]; then dk_read_exact "$len" | (cd -- "$1" && xargs -0 rm -rf --); fi
else
  rm -rf -- "$1"
  mkdir -p -- "$1"
fi
rm -f -- "$1.fifo"
mkfifo -- "$1.fifo"
sha256sum < "$1.fifo" | cut -d' ' -f1 > "$2" &
hasher=$!
tee -- "$1.fifo" | tar -x\${3}f - -C "$1"
wait "$hasher"
rm -f -- "$1.fifo"
if [ "\${5:-}" = list ]; then
  cd -- "$1"
  ${LIST_FILES}
fi`;

/**
 * $1 checksum file, $2 expected sha256, $3 staging dir, $4 final release dir, [$5 where the
 * release's file manifest goes, read from stdin]. Renames the staging dir into place only if the
 * host received exactly what was sent: the final name never holds a partial release. Exit 4:
 * checksum mismatch (the staging dir is removed).
 */
export const VERIFY_AND_PLACE = `set -eu
sum=$(cat -- "$1" 2>/dev/null || true)
rm -f -- "$1"
if [ "$sum" != "$2" ]; then echo "checksum mismatch: sent $2, received \${sum:-nothing}" >&2; rm -rf -- "$3"; exit 4; fi
if [ -e "$4" ]; then rm -rf -- "$4"; fi
mv -- "$3" "$4"
if [ -n "\${5:-}" ]; then cat > "$5.tmp"; mv -f -- "$5.tmp" "$5"; fi`;

/**
 * $1 deploy path: PREPARE. With $2 live release dir, $3 its manifest, $4 staging dir, also makes
 * the staging dir a hard-linked copy of the live release (cp -al: no file data is copied) while the
 * runner may still be hashing the source, and prints the manifest, a `--` line, then LIST_FILES of
 * the copy (the live release's files: the same inodes): what an incremental upload may link.
 * RECEIVE_EXTRACT `into` then takes out what must not be carried over. Exit 3, nothing staged,
 * when the release or its manifest is missing (the release is uploaded whole). One step, not two:
 * on a redeploy each round trip is a share of the whole (bench/results/upload.md).
 */
export const PREPARE_UPLOAD = `${PREPARE}
[ $# -gt 1 ] || exit 0
umask 022
[ -d "$2" ] && [ -f "$3" ] || exit 3
cat -- "$3"
echo --
rm -rf -- "$4" "$4.fifo"
cp -al -- "$2" "$4"
cd -- "$4"
${LIST_FILES}`;

/** $1 path. Removes it (a staging directory that failed its check). */
export const REMOVE_PATH = `rm -rf -- "$1"`;

/** $1 release dir, $2 shared dir, then relative paths. Links each from shared/, seeding it from the release. */
export const LINK_SHARED = `set -eu
release=$1; shared=$2; shift 2
for p in "$@"; do
  if [ ! -e "$shared/$p" ] && [ ! -L "$shared/$p" ]; then
    mkdir -p -- "$(dirname -- "$shared/$p")"
    if [ -e "$release/$p" ]; then mv -- "$release/$p" "$shared/$p"; else mkdir -p -- "$shared/$p"; fi
  fi
  rm -rf -- "$release/$p"
  mkdir -p -- "$(dirname -- "$release/$p")"
  ln -s -- "$shared/$p" "$release/$p"
done`;

/** $1 file. Writes stdin to a 0600 file atomically (env values never touch argv). */
export const WRITE_PRIVATE_FILE = `set -eu
umask 077
cat > "$1.tmp"
chmod 600 -- "$1.tmp"
mv -f -- "$1.tmp" "$1"`;

/** $1 file. Writes stdin to a file atomically. */
export const WRITE_FILE = `set -eu
cat > "$1.tmp"
mv -f -- "$1.tmp" "$1"`;

/** $1 file. Appends stdin (one history line). */
export const APPEND_FILE = `set -eu
cat >> "$1"`;

/**
 * $1 dir, $2 env file, $3 user command, [$4 PORT]. Runs the user's own command with the env file
 * loaded, under `sh -e` as a CI `run:` step does: a multi-line command stops at its first failing line.
 */
export const RUN_USER_COMMAND = `set -eu
cd -- "$1"
if [ -f "$2" ]; then set -a; . "$2"; set +a; fi
if [ -n "\${4:-}" ]; then PORT=$4; export PORT; fi
exec sh -ec "$3"`;

/**
 * $1 upstream file, $2 new content, $3 test command, $4 reload command. Replaces the proxy include,
 * validates the whole proxy config, reloads; a failed validation restores the previous file (exit 5),
 * a failed reload too (exit 6).
 */
export const SWITCH_UPSTREAM = `set -u
file=$1
if [ -f "$file" ]; then cp -p -- "$file" "$file.prev"; else : > "$file.prev"; fi
printf '%s' "$2" > "$file.next" && mv -f -- "$file.next" "$file"
if ! out=$(sh -c "$3" 2>&1); then
  mv -f -- "$file.prev" "$file"
  printf '%s\\n' "$out" >&2
  exit 5
fi
if ! out=$(sh -c "$4" 2>&1); then
  mv -f -- "$file.prev" "$file"
  sh -c "$4" >/dev/null 2>&1 || true
  printf '%s\\n' "$out" >&2
  exit 6
fi
rm -f -- "$file.prev"`;

/** $1 deploy path, $2 target (releases/<v>). Points current at the release with an atomic rename. */
export const SWITCH_CURRENT = `set -eu
cd -- "$1"
ln -sfn -- "$2" ".current.next.$$"
mv -fT -- ".current.next.$$" current`;

/** $1 deploy path, then release names. Removes each release with its manifest and env file. */
export const REMOVE_RELEASES = `set -eu
dir=$1; shift
for r in "$@"; do
  rm -f -- "$dir/.deploy-kit/releases/$r.json" "$dir/.deploy-kit/releases/$r.files" "$dir/.deploy-kit/env/$r.env" "$dir/.deploy-kit/env/$r.cenv"
  rm -rf -- "$dir/releases/$r"
done`;

/**
 * $1 engine, $2 container name, $3 env file (KEY=VALUE lines), $4 PORT, $5 container port ('' =
 * host network: the app listens on $PORT), $6 image, then run-args (one argv item each). Replaces
 * any container of that name and starts the new one detached. Exit 8: something else listens on
 * the port (named on stderr), so the new container could not serve there; nothing is started.
 */
export const CONTAINER_RUN = `set -eu
${SUPERVISE_TOOLS}engine=$1; name=$2; envfile=$3; port=$4; cport=$5; image=$6; shift 6
"$engine" rm -f "$name" >/dev/null 2>&1 || true
inodes=$(dk_listeners "$port")
if [ -n "$inodes" ]; then
  owners=$(dk_owners $inodes)
  for p in $owners; do echo "port $port is in use by pid $p ($(dk_cmd "$p"))" >&2; done
  [ -n "$owners" ] || echo "port $port is in use by a process this user cannot see" >&2
  exit 8
fi
if [ -n "$cport" ]; then set -- -p "127.0.0.1:$port:$cport" "$@"; else set -- --network=host "$@"; fi
"$engine" run -d --name "$name" --env-file "$envfile" -e "PORT=$port" "$@" "$image" >/dev/null
echo "started $name"`;

/**
 * $1 engine, $2 env file, $3 image, $4 command, $5 container port ('' when the app runs on the host
 * network); the rest run-args. A hook in container mode: the command once, under `sh -e`, in a
 * throwaway container of the image, on the app's network and with its env file and run-args.
 */
export const CONTAINER_ONCE = `set -eu
engine=$1; envfile=$2; image=$3; command=$4; cport=$5; shift 5
if [ -z "$cport" ]; then set -- --network=host "$@"; fi
exec "$engine" run --rm --env-file "$envfile" "$@" --entrypoint sh "$image" -ec "$command"`;

/** $1 engine, $2 container name, $3 grace seconds. Stops the container and keeps it (stopped). */
export const CONTAINER_STOP = `set -u
if "$1" container exists "$2" >/dev/null 2>&1 || "$1" inspect --type container "$2" >/dev/null 2>&1; then
  "$1" stop -t "$3" "$2" >/dev/null 2>&1 || true
  echo "stopped $2"
else
  echo "no container $2"
fi`;

/** $1 engine, $2 image (ID or reference). Prints the image ID if the host has it; exit 3 if not. */
export const IMAGE_ID = `set -u
id=$("$1" image inspect --format '{{.Id}}' "$2" 2>/dev/null) || exit 3
printf '%s\\n' "$id"`;

/**
 * Shared by the scripts that pull: with $user set, a login from the password on stdin into a
 * temporary config ($engine, $registry) that is removed on exit; else stdin is drained.
 */
const TEMPORARY_LOGIN = `tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
if [ -n "$user" ]; then
  if [ "$engine" = podman ]; then REGISTRY_AUTH_FILE="$tmp/auth.json"; export REGISTRY_AUTH_FILE
  else DOCKER_CONFIG="$tmp"; export DOCKER_CONFIG; fi
  "$engine" login --username "$user" --password-stdin "$registry" >/dev/null
else
  cat >/dev/null
fi
`;

/**
 * $1 engine, $2 reference, $3 local tag, $4 registry, $5 user ('' = no login; the password on
 * stdin). Credentials live in a temporary config dir, removed on exit. Prints the image ID.
 */
export const IMAGE_PULL = `set -eu
engine=$1; ref=$2; tag=$3; registry=$4; user=$5
${TEMPORARY_LOGIN}"$engine" pull -q "$ref" >/dev/null
"$engine" tag "$ref" "$tag"
"$engine" image inspect --format '{{.Id}}' "$tag"`;

/** $1 engine, $2 local tag. Loads a gzip'd image archive from stdin and tags the loaded image. */
export const IMAGE_LOAD = `set -eu
out=$(gunzip | "$1" load 2>&1) || { printf '%s\\n' "$out" >&2; exit 1; }
ref=$(printf '%s\\n' "$out" | sed -n 's/^Loaded image[^:]*: *//p' | tail -n 1)
[ -n "$ref" ] || { printf 'no image in the archive: %s\\n' "$out" >&2; exit 1; }
"$1" tag "$ref" "$2"
"$1" image inspect --format '{{.Id}}' "$2"`;

/** $1 engine, $2 image ID, $3 local tag. Tags an image the host already has. */
export const IMAGE_TAG = `set -eu
"$1" tag "$2" "$3"`;

/** $1 engine, then image references. Removes them (a reference still in use stays). */
export const IMAGE_REMOVE = `set -u
engine=$1; shift
for ref in "$@"; do "$engine" rmi "$ref" >/dev/null 2>&1 || true; done`;

/** $1 release dir, $2 content of its IMAGE file. Container mode's release dir: which image it is. */
export const CONTAINER_RELEASE_DIR = `set -eu
mkdir -p -- "$1"
printf '%s' "$2" > "$1/IMAGE"`;

/**
 * compose with the project and file ($project, $file) on either engine: the docker compose plugin,
 * else docker-compose 1.x (Debian's and Ubuntu's package); podman-compose where installed.
 */
const COMPOSE_FN = `compose() {
  if [ "$engine" = docker ]; then
    if docker compose version >/dev/null 2>&1; then docker compose -p "$project" -f "$file" "$@"
    else docker-compose -p "$project" -f "$file" "$@"; fi
  elif command -v podman-compose >/dev/null 2>&1; then podman-compose -p "$project" -f "$file" "$@"
  else podman compose -p "$project" -f "$file" "$@"; fi
}
`;

/**
 * $1 engine, $2 release dir (holding the compose file and .env), $3 project, $4 compose file, $5 step,
 * $6 registry, $7 registry user, then services (none = all). Steps: pull; recreate (in place: the
 * project's containers replaced); slot (blue-green: only the named slot services, never their
 * in-place dependencies). Registry password on stdin, into a temporary config removed on exit.
 * podman-compose only recreates containers when asked (--force-recreate), and then brings the
 * named services' depends_on down with them, which is why slot services keep no in-place ones.
 */
export const COMPOSE_UP = `set -eu
engine=$1; dir=$2; project=$3; file=$4; step=$5; registry=$6; user=$7; shift 7
cd -- "$dir"
${TEMPORARY_LOGIN}${COMPOSE_FN}case "$step" in
pull) compose pull "$@" ;;
slot) if [ "$engine" = docker ]; then compose up -d --no-deps --force-recreate "$@"
  else compose up -d --force-recreate "$@"; fi ;;
*) if [ "$engine" = docker ]; then compose up -d --remove-orphans "$@"
  else compose up -d --remove-orphans --force-recreate "$@"; fi ;;
esac`;

/**
 * $1 engine, $2 release dir, $3 project, $4 file recording what the in-place services run now, then
 * the in-place services. Brings them to the release's definition (in-place.sha256 beside
 * compose.slots.yaml) only when it differs from what runs: an unchanged database keeps running.
 */
export const COMPOSE_IN_PLACE = `set -eu
engine=$1; dir=$2; project=$3; applied=$4; shift 4; file=${SLOTS_FILE}
cd -- "$dir"
[ -f ${IN_PLACE_HASH_FILE} ] || exit 0
if cmp -s -- ${IN_PLACE_HASH_FILE} "$applied"; then exit 0; fi
${COMPOSE_FN}if [ "$#" -gt 0 ]; then
  if [ "$engine" = docker ]; then compose up -d "$@"; else compose up -d --force-recreate "$@"; fi
fi
cp -- ${IN_PLACE_HASH_FILE} "$applied.tmp"
mv -f -- "$applied.tmp" "$applied"`;

/**
 * $1 engine, $2 project, $3 grace seconds, then compose services. Stops (SIGTERM, then KILL after
 * the grace) and removes their containers, found by the labels both docker compose and
 * podman-compose put on them.
 */
export const COMPOSE_SLOT_REMOVE = `set -eu
engine=$1; project=$2; grace=$3; shift 3
for service in "$@"; do
  ids=$("$engine" ps -aq --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$service")
  [ -n "$ids" ] || continue
  # IDs are hex: split on purpose.
  "$engine" stop -t "$grace" $ids >/dev/null
  "$engine" rm -f $ids >/dev/null
done`;

/** $1 staging dir, $2 release dir. Puts a complete compose release in place (replacing a failed one). */
export const COMPOSE_PLACE = `set -eu
rm -rf -- "$2"
mv -T -- "$1" "$2"`;

/** $1 dir. */
export const MAKE_DIR = `set -eu
mkdir -p -- "$1"`;
