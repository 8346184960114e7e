// The command catalog the way redis-cli builds its help: the server's COMMAND DOCS (and COMMAND INFO flags) when
// connected, else the bundled docs. Loaded lazily: the docs are 160 KB and only help, hints and guards need them; the
// shell loads them in the background (LiveCatalog) and uses the bundled docs until they arrive.
import type { Reply } from '../resp/types.js';
import { CommandCatalog } from './catalog.js';

/** Sends one command on the live connection; undefined when there is none. */
export type SendCommand = (argv: string[]) => Promise<Reply>;

/** `redis_version` from an INFO reply (Valkey reports the Redis version it is compatible with, e.g. 7.2.4). */
function serverVersion(info: Reply): string | undefined {
  if (info.type !== 'bulk' && info.type !== 'verbatim') return undefined;
  return /^redis_version:([^\r\n]+)/m.exec(info.value.toString('latin1'))?.[1];
}

/** The server's docs (the bundled ones as flags' fallback), else the bundled docs; never rejects. */
export async function loadCatalog(send: SendCommand | undefined): Promise<CommandCatalog> {
  if (!send) return CommandCatalog.bundled();
  try {
    // Sent before the bundled file is read: the shell shows its prompt while the replies travel.
    const [docs, info, server] = await Promise.all([send(['COMMAND', 'DOCS']), send(['COMMAND', 'INFO']), send(['INFO', 'server'])]);
    const bundled = CommandCatalog.bundled();
    return CommandCatalog.fromServer(docs, { info, fallback: bundled, version: serverVersion(server) }) ?? bundled;
  } catch {
    return CommandCatalog.bundled();
  }
}

/**
 * The shell's command docs: the bundled catalog from the first prompt on, the server's once they arrive in the
 * background, so a slow link never delays the prompt.
 */
export class LiveCatalog {
  /** Read on first use (after the first prompt): the bundled file is 160 KB of JSON. */
  private now: CommandCatalog | undefined;
  /** Resolves with the catalog the shell ends up with (the bundled one when the server's cannot be had). */
  readonly loaded: Promise<CommandCatalog>;

  /** Starts loading the server's docs over `send` (none: the bundled docs stay); `onSwitch` runs when they are in. */
  constructor(send: SendCommand | undefined, onSwitch: (catalog: CommandCatalog) => void = () => undefined) {
    this.loaded = send === undefined ? Promise.resolve().then(() => this.current) : loadCatalog(send).then((catalog) => {
      if (catalog !== this.now) {
        this.now = catalog;
        try {
          onSwitch(catalog);
        } catch {
          // A failed redraw must not lose the docs: they are in use from the next key on.
        }
      }
      return catalog;
    });
  }

  /** The docs in use now: hints, completion and guards read them at each use. */
  get current(): CommandCatalog {
    return (this.now ??= CommandCatalog.bundled());
  }
}
