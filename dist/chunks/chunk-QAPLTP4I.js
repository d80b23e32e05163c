import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  __require
} from "./chunk-KVN67TDL.js";

// builtin:node:stream
var m = __require("node:stream");
var length = m.length;
var name = m.name;
var prototype = m.prototype;
var isDestroyed = m.isDestroyed;
var isDisturbed = m.isDisturbed;
var isErrored = m.isErrored;
var isReadable = m.isReadable;
var isWritable = m.isWritable;
var Readable = m.Readable;
var Writable = m.Writable;
var Duplex = m.Duplex;
var Transform = m.Transform;
var PassThrough = m.PassThrough;
var duplexPair = m.duplexPair;
var pipeline = m.pipeline;
var addAbortSignal = m.addAbortSignal;
var finished = m.finished;
var destroy = m.destroy;
var compose = m.compose;
var setDefaultHighWaterMark = m.setDefaultHighWaterMark;
var getDefaultHighWaterMark = m.getDefaultHighWaterMark;
var Stream = m.Stream;
var _isArrayBufferView = m._isArrayBufferView;
var _isUint8Array = m._isUint8Array;
var _uint8ArrayToBuffer = m._uint8ArrayToBuffer;

// packages/ssh/src/process-tools.ts
var STOP_TOOLS = `dk_field() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f"$2"; }
dk_cmd() { tr '\\000' ' ' < "/proc/$1/cmdline" 2>/dev/null | cut -c1-160; }
# Centiseconds since boot (/proc/uptime, no leading 0: sh reads that as octal), finer than date +%s.
dk_now() { sed 's/ .*//; s/\\.//; s/^0*\\([0-9]\\)/\\1/' /proc/uptime; }
dk_alive() {
  if [ -r "/proc/$1/stat" ]; then [ "$(dk_field "$1" 1)" != Z ]; else kill -0 "$1" 2>/dev/null; fi
}
# Live members of a process group (field 3), a session (field 4), or (field env) the processes
# whose environment holds DEPLOY_KIT_SESSION=$2 exactly (a zombie's is empty); one pid a line.
dk_members() {
  if [ "$1" = env ]; then grep -lszxF "DEPLOY_KIT_SESSION=$2" /proc/[0-9]*/environ | cut -d/ -f3; return 0; fi
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v f="$1" -v id="$2" '{ p = $1; sub(/.*\\) /, ""); if ($f == id && $1 != "Z") print p }'
}
# Live members of every selector "<field>:<id>" given (fields as dk_members'; an id may hold ':').
dk_members_of() { for dk_sel in "$@"; do dk_members "\${dk_sel%%:*}" "\${dk_sel#*:}"; done | sort -u; }
# $1 grace seconds, then selectors "<field>:<id>". TERM to every selected process (and each group
# or session as a whole), one wait of $1 seconds for all of them together, KILL to what is left;
# returns 7 naming survivors. One wait, not one per selector, so a stop takes the grace once.
dk_stop() {
  grace=$1; shift
  if [ ! -r /proc/self/stat ]; then
    for dk_sel in "$@"; do
      case $dk_sel in env:*) ;; *) kill -TERM -"\${dk_sel#*:}" 2>/dev/null || kill -TERM "\${dk_sel#*:}" 2>/dev/null || true;; esac
    done
    n=0
    while [ "$n" -lt $((grace * 10)) ]; do
      dk_any=''
      for dk_sel in "$@"; do
        case $dk_sel in env:*) ;; *) ! kill -0 "\${dk_sel#*:}" 2>/dev/null || dk_any=1;; esac
      done
      [ -n "$dk_any" ] || break
      sleep 0.1; n=$((n + 1))
    done
    for dk_sel in "$@"; do
      case $dk_sel in env:*) ;; *) kill -KILL -"\${dk_sel#*:}" 2>/dev/null || kill -KILL "\${dk_sel#*:}" 2>/dev/null || true;; esac
    done
    return 0
  fi
  pids=$(dk_members_of "$@")
  [ -n "$pids" ] || return 0
  for dk_sel in "$@"; do
    case $dk_sel in env:*) ;; *) kill -TERM -"\${dk_sel#*:}" 2>/dev/null || true;; esac
  done
  kill -TERM $pids 2>/dev/null || true
  # Deadlines on the clock, not counted sleeps: a scan of /proc takes tens of ms on a busy host.
  dk_until=$(($(dk_now) + grace * 100))
  while [ -n "$(dk_members_of "$@")" ] && [ "$(dk_now)" -lt "$dk_until" ]; do sleep 0.1; done
  dk_until=$(($(dk_now) + 300))
  while pids=$(dk_members_of "$@"); [ -n "$pids" ] && [ "$(dk_now)" -lt "$dk_until" ]; do
    kill -KILL $pids 2>/dev/null || true
    sleep 0.1
  done
  pids=$(dk_members_of "$@")
  [ -z "$pids" ] && return 0
  for p in $pids; do echo "still running after KILL: pid $p: $(dk_cmd "$p")" >&2; done
  return 7
}
`;
var READ_EXACT_TOOL = `if dd if=/dev/null count=0 iflag=count_bytes,fullblock 2>/dev/null; then dk_exact='bs=65536 iflag=count_bytes,fullblock'; else dk_exact='bs=1'; fi
dk_read_exact() { dd $dk_exact count="$1" 2>/dev/null; }
`;

export {
  Readable,
  Writable,
  Duplex,
  Transform,
  PassThrough,
  STOP_TOOLS,
  READ_EXACT_TOOL
};
//# sourceMappingURL=chunk-QAPLTP4I.js.map
