import type { HistoryEntry, ReleaseManifest, Slot } from '../types.js';

/** Stops a started slot if the run ends before traffic switches to it (see SLOT_GUARD). */
export interface SlotGuard {
  /** The switch happened: the slot stays up. */
  keep(): void;
  /** The run gave up on the slot: stop it. */
  release(): void;
}

/** What a mode's release manifest records, so a rollback can run that release again. */
export type RecordedMode = Pick<
  ReleaseManifest,
  'mode' | 'startCommand' | 'stopCommand' | 'restartCommand' | 'container' | 'compose'
>;

/**
 * How one deploy mode runs a placed release on a host. HostDeploy orders the phases (start → gate
 * → switch → drain → stop old, or switch → restart → gate) and calls these; a rollback uses the
 * same objects, built from the release's manifest.
 */
export interface ModeDriver {
  /** Blue-green: starts `version` in `slot` on `port` (replacing what an earlier run left there). */
  startSlot(slot: Slot, port: number, version: string): Promise<void>;
  /** Stops what runs in `slot` (kept inspectable where the engine allows). */
  stopSlot(slot: Slot, port: number, version: string): Promise<void>;
  /** Health of `version`, just started in `slot` (`app` in place): it answers on `port` and still runs. */
  gate(slot: Slot | 'app', port: number | undefined, label: string, version: string): Promise<void>;
  /** In place: whether gate() has anything to check (without a port, only a process it started). */
  gates(port: number | undefined): boolean;
  /** Blue-green: what stops the started slot if the runner dies before the switch, if the mode needs one. */
  guard(slot: Slot): SlotGuard | undefined;
  /** In place: whether a restart puts a new release live (release mode without commands: nothing runs). */
  readonly restarts: boolean;
  /** In place: puts `version` live on `port`, replacing what ran. */
  restart(port: number | undefined, version: string): Promise<void>;
  /** A hook command, run in `version`'s release the way the mode runs things. */
  hook(name: string, command: string, version: string): Promise<void>;
  /** What the manifest records for this mode. */
  recorded(): RecordedMode;
  /** What each history line adds for this mode. */
  history(): Pick<HistoryEntry, 'image' | 'imageId' | 'composeSha256'>;
  /** After `versions` were pruned: what else goes with them. */
  pruned(versions: readonly string[]): Promise<void>;
}

/** A deploy's mode: the driver, and how this deploy installs its release (a rollback has none). */
export interface InstallingMode {
  driver: ModeDriver;
  /** Upload or pull, env files, build: a complete release, not yet serving; `live` is what serves now. */
  install: (live: string | undefined) => Promise<void>;
}
