/**
 * Shell functions that stop a process group or session, shared by the remote scripts (one copy, prepended). `kill -TERM -<id>` is the only
 * group-kill form that dash, bash and busybox all accept (dash rejects `kill -- -<id>` and
 * `kill -s TERM -<id>`); each member is also signalled by pid, found through /proc.
 */
export const STOP_TOOLS = `dk_field() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f"$2"; }
dk_cmd() { tr '\\000' ' ' < "/proc/$1/cmdline" 2>/dev/null | cut -c1-160; }
dk_alive() {
  if [ -r "/proc/$1/stat" ]; then [ "$(dk_field "$1" 1)" != Z ]; else kill -0 "$1" 2>/dev/null; fi
}
# Live members of a process group (field 3), a session (field 4), or (field env) the processes
# whose environment holds DEPLOY_KIT_SESSION=$2 exactly (a zombie's is empty); one pid a line.
dk_members() {
  if [ "$1" = env ]; then grep -lszxF "DEPLOY_KIT_SESSION=$2" /proc/[0-9]*/environ | cut -d/ -f3; return 0; fi
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v f="$1" -v id="$2" '{ p = $1; sub(/.*\\) /, ""); if ($f == id && $1 != "Z") print p }'
}
# TERM to a group or session, KILL to what is left after $3 seconds; returns 7 naming survivors.
dk_stop() {
  field=$1; id=$2; grace=$3
  if [ ! -r /proc/self/stat ]; then
    [ "$field" != env ] || return 0
    kill -TERM -"$id" 2>/dev/null || kill -TERM "$id" 2>/dev/null || true
    n=0
    while kill -0 "$id" 2>/dev/null && [ "$n" -lt $((grace * 10)) ]; do sleep 0.1; n=$((n + 1)); done
    kill -KILL -"$id" 2>/dev/null || kill -KILL "$id" 2>/dev/null || true
    return 0
  fi
  pids=$(dk_members "$field" "$id")
  [ -n "$pids" ] || return 0
  [ "$field" = env ] || kill -TERM -"$id" 2>/dev/null || true
  kill -TERM $pids 2>/dev/null || true
  n=0
  while [ -n "$(dk_members "$field" "$id")" ] && [ "$n" -lt $((grace * 10)) ]; do sleep 0.1; n=$((n + 1)); done
  n=0
  while pids=$(dk_members "$field" "$id"); [ -n "$pids" ] && [ "$n" -lt 30 ]; do
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1; n=$((n + 1))
  done
  pids=$(dk_members "$field" "$id")
  [ -z "$pids" ] && return 0
  for p in $pids; do echo "still running after KILL: pid $p: $(dk_cmd "$p")" >&2; done
  return 7
}
`;

/**
 * `dk_read_exact COUNT` copies exactly COUNT bytes of stdin to stdout and reads no further, so one
 * pipe can carry a header and then a stream (length-prefixed records). dd with `count_bytes` and
 * `fullblock` (GNU coreutils and busybox both have them) reads in 64 KiB blocks but never asks for
 * more than is left; a dd without them falls back to a read per byte, exact too but slow (1.6 MB took
 * 8 s on the test machine, against 0.02 s in blocks). `head -c` is not exact: busybox's reads ahead.
 */
export const READ_EXACT_TOOL = `if dd if=/dev/null count=0 iflag=count_bytes,fullblock 2>/dev/null; then dk_exact='bs=65536 iflag=count_bytes,fullblock'; else dk_exact='bs=1'; fi
dk_read_exact() { dd $dk_exact count="$1" 2>/dev/null; }
`;
