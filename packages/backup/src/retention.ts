/** A backup file of this job, as named by `backupName`. */
export interface BackupFile {
  name: string;
  /** When it was taken (from its name, UTC). */
  takenAt: number;
  sizeBytes: number;
  /** A `.sha256` sidecar exists: it was verified before it was published. */
  verified: boolean;
}

export interface RetentionPolicy {
  keepLast?: number;
  keepDaily?: number;
  keepWeekly?: number;
  keepMonthly?: number;
  /** Keep everything younger than this. */
  maxAgeMs?: number;
}

export interface RetentionDecision {
  keep: BackupFile[];
  delete: BackupFile[];
  /** Why nothing is deleted although the policy asked (it would have left no backup). */
  refused?: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `<prefix>-20261123T054400.123Z.<ext>`: sortable, unique per run, and only this job's prefix and extension match. */
export function backupName(prefix: string, takenAt: number, extension: string): string {
  const d = new Date(takenAt);
  const stamp =
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  return `${prefix}-${stamp}.${extension}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The time in a name made by backupName with this prefix and extension, or undefined. */
export function parseBackupName(name: string, prefix: string, extension: string): number | undefined {
  const m = new RegExp(
    `^${escapeRegExp(prefix)}-(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{3}))?Z\\.${escapeRegExp(extension)}$`,
  ).exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((x: string | undefined) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

function dayKey(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function weekKey(t: number): string {
  // ISO week: the Thursday of the week decides its year.
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${pad(week)}`;
}

function monthKey(t: number): string {
  return new Date(t).toISOString().slice(0, 7);
}

export function hasPolicy(policy: RetentionPolicy): boolean {
  return Object.values(policy).some((v) => v !== undefined);
}

/**
 * Which backups to keep: each rule keeps some (the newest N; the newest of each of the last N
 * days, weeks, months that have a backup; everything younger than max-age), a backup is kept if
 * any rule keeps it, and the newest verified backup is always kept. A policy that would keep
 * nothing is refused: nothing is deleted.
 */
export function planRetention(
  files: readonly BackupFile[],
  policy: RetentionPolicy,
  now: number,
): RetentionDecision {
  const newestFirst = [...files].sort((a, b) => b.takenAt - a.takenAt || b.name.localeCompare(a.name));
  if (!hasPolicy(policy)) return { keep: newestFirst, delete: [] };
  const kept = new Set<BackupFile>();
  if (policy.keepLast) for (const f of newestFirst.slice(0, policy.keepLast)) kept.add(f);
  const periodic = (count: number | undefined, key: (t: number) => string): void => {
    if (!count) return;
    const seen = new Set<string>();
    for (const f of newestFirst) {
      const k = key(f.takenAt);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      kept.add(f);
    }
  };
  periodic(policy.keepDaily, dayKey);
  periodic(policy.keepWeekly, weekKey);
  periodic(policy.keepMonthly, monthKey);
  if (policy.maxAgeMs !== undefined)
    for (const f of newestFirst) if (now - f.takenAt <= policy.maxAgeMs) kept.add(f);
  if (kept.size === 0 && newestFirst.length > 0)
    return {
      keep: newestFirst,
      delete: [],
      refused: `the retention policy would delete all ${newestFirst.length} backup(s); nothing was deleted`,
    };
  const newestVerified = newestFirst.find((f) => f.verified);
  if (newestVerified) kept.add(newestVerified);
  return { keep: newestFirst.filter((f) => kept.has(f)), delete: newestFirst.filter((f) => !kept.has(f)) };
}
