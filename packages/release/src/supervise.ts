/**
 * The remote side of the processes deploy-kit starts: constant POSIX sh scripts (see
 * docs/architecture.md, "Remote scripts") that behave the same under dash, bash and busybox sh.
 *
 * Every supervised process runs in a session of its own (setsid), and its pid file holds the
 * session id. Stopping a slot ends every process of that session, not only the one we started: a
 * start command such as `node server.js` or `npm start` leaves a shell or npm with the app as its
 * child, and signalling the first alone leaves the app serving. Listening sockets are matched to
 * processes through /proc (socket inodes in /proc/net/tcp* against /proc/<pid>/fd), so a gate can
 * tell the process it started from whatever else answers on the port.
 */

import { STOP_TOOLS } from '@deploy-kit/ssh';

/** Exit codes of the scripts below, for the caller. */
export const SUPERVISE_EXIT = {
  /** The started process is gone (its log tail on stdout). */
  exited: 3,
  /** Nothing listens on the slot port. */
  notListening: 4,
  /** Another process holds the slot port. */
  foreignListener: 5,
  /** Processes of the session survived TERM and KILL (named on stderr). */
  survivors: 7,
  /** The port is held by a process that deploy-kit did not start for this app. */
  portBusy: 8,
} as const;

/** Listening sockets and their owners (/proc/net/tcp*, /proc/<pid>/fd), a pid file, a log's end. */
const PORT_TOOLS = `# Socket inodes listening on TCP port $1 (IPv4 and IPv6).
dk_listeners() {
  hex=$(printf '%04X' "$1")
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10 }'
}
# Pids (that this user may read) with one of the socket inodes given as arguments open.
dk_owners() {
  ls -l /proc/[0-9]*/fd 2>/dev/null | awk -v list=" $* " '
    /^\\/proc\\/[0-9]+\\/fd:$/ { split($0, a, "/"); pid = a[3]; next }
    { n = index($0, "socket:["); if (n) { i = substr($0, n + 8); sub(/\\].*/, "", i); if (index(list, " " i " ")) print pid } }' | sort -u
}
# Ends session $2 started with pid file $1: its members and whatever left it carrying its
# DEPLOY_KIT_SESSION (START_SUPERVISED exports "<session id>:<pid file>"), in one wait of $3 grace
# seconds; more selectors (a leftover listener's) may follow as $4….
dk_end_session() { dk_pf=$1; dk_sid=$2; dk_grace=$3; shift 3; dk_stop "$dk_grace" "4:$dk_sid" "env:$dk_sid:$dk_pf" "$@"; }
dk_tail() { [ -f "$1" ] && tail -n 20 -- "$1" | sed 's/^/  | /'; true; }
# The pid in pid file $1, or nothing (a missing or damaged file).
dk_pid() { p=$(cat -- "$1" 2>/dev/null || true); case "$p" in ''|*[!0-9]*) ;; *) echo "$p";; esac; }
`;

/** Every shell function above (the remote scripts that watch and check processes and ports). */
export const SUPERVISE_TOOLS = `${STOP_TOOLS}${PORT_TOOLS}`;

/**
 * `dk_port_ours PORT DEPLOY [SID]` sets dk_ours to the selectors (dk_stop's "<field>:<id>") of the
 * listeners on PORT that belong to this app: its session is in one of our pid files, or its working
 * directory is one of our releases (a survivor of an earlier run). Those of session SID are left
 * out: the caller stops that session anyway. Any other listener fails it (exit 8), naming it;
 * nothing is stopped here.
 * `dk_free_port PORT DEPLOY GRACE` makes sure nothing listens on the port before a slot starts
 * there: this app's listeners are stopped, in one wait, and reported; a foreign one fails (exit 8)
 * and nothing is stopped.
 */
const FREE_PORT = `dk_port_ours() {
  port=$1; deploy=$2; skip=\${3:-}; dk_ours=''
  [ -r /proc/net/tcp ] || { echo "warning: /proc/net/tcp is not readable; port $port not checked"; return 0; }
  inodes=$(dk_listeners "$port")
  [ -n "$inodes" ] || return 0
  owners=$(dk_owners $inodes)
  if [ -z "$owners" ]; then
    echo "port $port is in use by a process this user cannot see (another user's)" >&2
    return 8
  fi
  for p in $owners; do
    sid=$(dk_field "$p" 4)
    [ "$sid" != "$skip" ] || continue
    mine=''
    for f in "$deploy"/.deploy-kit/run/*.pid; do
      [ -f "$f" ] && [ "$(cat -- "$f")" = "$sid" ] && mine="4:$sid"
    done
    if [ -z "$mine" ]; then
      case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$deploy"/releases/*) mine="3:$(dk_field "$p" 3)";; esac
    fi
    if [ -z "$mine" ]; then
      echo "port $port is in use by pid $p ($(dk_cmd "$p")), which deploy-kit did not start for this app" >&2
      dk_ours=''
      return 8
    fi
    echo "port $port: stopping a leftover process of this app, pid $p ($(dk_cmd "$p"))"
    dk_ours="$dk_ours $mine"
  done
}
dk_free_port() {
  dk_port_ours "$1" "$2" || return 8
  [ -n "$dk_ours" ] || return 0
  dk_stop "$3" $dk_ours || return 8
  if [ -n "$(dk_listeners "$1")" ]; then echo "port $1 is still in use" >&2; return 8; fi
}
`;

/**
 * $1 release dir, $2 env file, $3 start command, $4 PORT ('' = none), $5 pid file, $6 log file,
 * $7 deploy path, $8 grace seconds. Checks the port is free (see FREE_PORT; exit 8), then starts
 * the command under `sh -e` in a session of its own, detached from the SSH channel. The session
 * leader writes its own pid (= the session id) to the pid file, and exports
 * DEPLOY_KIT_SESSION=<session id>:<pid file>: a process that leaves the session (a start command
 * that daemonizes) inherits it, so the stop finds that process even before it listens.
 */
export const START_SUPERVISED = `set -eu
${SUPERVISE_TOOLS}${FREE_PORT}if [ -n "$4" ]; then dk_free_port "$4" "$7" "$8" || exit 8; fi
cd -- "$1"
mkdir -p -- "$(dirname -- "$6")" "$(dirname -- "$5")"
if [ -f "$2" ]; then set -a; . "$2"; set +a; fi
if [ -n "$4" ]; then PORT=$4; export PORT; fi
rm -f -- "$5"
setsid sh -c 'echo "$$" > "$0.new" && mv -f -- "$0.new" "$0" && DEPLOY_KIT_SESSION="$$:$0" && export DEPLOY_KIT_SESSION && exec sh -ec "$1"' "$5" "$3" >> "$6" 2>&1 < /dev/null &
n=0
while [ ! -s "$5" ] && [ "$n" -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
[ -s "$5" ] || { echo "the start command did not start" >&2; dk_tail "$6" >&2; exit 1; }
echo "started pid $(cat -- "$5")"`;

/**
 * $1 pid file, $2 grace seconds, [$3 port, $4 deploy path]. Stops every process of the supervised
 * session and every process that carries its DEPLOY_KIT_SESSION: TERM, then KILL after the grace
 * time; verifies none is left (exit 7 naming each survivor, the pid file kept). With a port, a
 * listener there that this app left (one that cleared its environment) is stopped too, in the same
 * wait; a stranger's is left alone. So a stop takes stop-timeout once, whatever it finds.
 */
export const STOP_SUPERVISED = `set -u
${SUPERVISE_TOOLS}${FREE_PORT}pid=$(dk_pid "$1")
dk_ours=''
if [ -n "\${3:-}" ]; then dk_port_ours "$3" "$4" "$pid" 2>/dev/null || true; fi
if [ -n "$pid" ]; then
  dk_end_session "$1" "$pid" "$2" $dk_ours || exit 7
  echo "stopped session $pid"
else
  echo "no pid file"
  if [ -n "$dk_ours" ]; then dk_stop "$2" $dk_ours || true; fi
fi
rm -f -- "$1"
exit 0`;

/**
 * $1 pid file, $2 port ('' = none), $3 log file. Is the started process still running, and is the
 * listener on the port one of its session's? Exit 0 (stdout says "serving …", or "unverified …"
 * where /proc/net/tcp cannot be read), 3 exited (log tail on stdout), 4 nothing listens, 5 another
 * process holds the port.
 */
export const SLOT_CHECK = `set -u
${SUPERVISE_TOOLS}pid=$(dk_pid "$1")
[ -n "$pid" ] || { echo "no pid recorded in $1"; exit 3; }
if ! dk_alive "$pid"; then echo "the start command (pid $pid) has exited; the end of its log:"; dk_tail "$3"; exit 3; fi
[ -n "$2" ] || { echo "running: pid $pid"; exit 0; }
[ -r /proc/net/tcp ] || { echo "unverified: /proc/net/tcp is not readable"; exit 0; }
inodes=$(dk_listeners "$2")
[ -n "$inodes" ] || { echo "nothing listens on port $2"; exit 4; }
owners=$(dk_owners $inodes)
for p in $owners; do
  if [ "$(dk_field "$p" 4)" = "$pid" ]; then echo "serving: pid $p ($(dk_cmd "$p"))"; exit 0; fi
done
for p in $owners; do echo "port $2 is held by pid $p ($(dk_cmd "$p")), not by the started process (session $pid)"; done
[ -n "$owners" ] || echo "port $2 is held by a process this user cannot see, not by the started process"
exit 5`;

/**
 * $1 pid file, $2 log file. Returns (exit 3, with the log tail) as soon as the started process
 * exits; run beside the health gate, which it cuts short. Tethered: it ends with its channel.
 */
export const SLOT_WATCH = `set -u
${SUPERVISE_TOOLS}pid=$(dk_pid "$1")
[ -n "$pid" ] || { echo "no pid recorded in $1"; exit 3; }
while dk_alive "$pid"; do sleep 0.2; done
echo "the start command (pid $pid) has exited; the end of its log:"
dk_tail "$2"
exit 3`;

/**
 * $1 pid file, $2 grace seconds. Guards a started slot until the traffic switches to it: reads one
 * line from stdin; "keep" leaves the slot running, anything else, or the end of stdin because the
 * runner died or lost its connection, stops the slot's session.
 */
export const SLOT_GUARD = `set -u
${SUPERVISE_TOOLS}word=''
read -r word || true
[ "$word" = keep ] && exit 0
pid=$(dk_pid "$1")
[ -n "$pid" ] || exit 0
dk_end_session "$1" "$pid" "$2" && rm -f -- "$1"`;

/**
 * Wraps a remote command so it dies with its SSH channel: the command runs in a session of its
 * own; a watcher reads the channel's stdin, which the runner keeps open and never writes, and on
 * its end (the runner killed, the connection lost, the step cancelled) stops that session. sshd
 * sends no SIGHUP without a pty, so without this a killed run's build would go on. Then "$@".
 */
export const TETHER = `set -u
${STOP_TOOLS}exec 3<&0
setsid "$@" < /dev/null 3<&- &
pid=$!
{ cat > /dev/null; dk_stop 5 "4:$pid"; } <&3 > /dev/null 2>&1 &
watcher=$!
exec 3<&-
rc=0
wait "$pid" || rc=$?
kill "$watcher" 2>/dev/null || true
exit "$rc"`;

/**
 * $1 engine, $2 container name, $3 `watch` or `once`. Exit 3, with the end of the container's log,
 * when it is not running; with `watch`, polls until then (run beside the health gate, tethered).
 */
export const CONTAINER_WATCH = `set -u
while :; do
  state=$("$1" inspect --type container --format '{{.State.Running}}' "$2" 2>/dev/null || echo gone)
  if [ "$state" != true ]; then
    echo "the container $2 is not running ($state); the end of its log:"
    "$1" logs --tail 20 "$2" 2>&1 | sed 's/^/  | /'
    exit 3
  fi
  [ "$3" = watch ] || { echo "running: $2"; exit 0; }
  sleep 0.5
done`;
