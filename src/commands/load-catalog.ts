// The command catalog the way redis-cli builds its help: the server's COMMAND DOCS (and COMMAND INFO flags) when
// connected, else the bundled docs. Loaded lazily: the docs are 160 KB and only help, hints and guards need them.
import type { Reply } from '../resp/types.js';
import { CommandCatalog } from './catalog.js';

/** Sends one command on the live connection; undefined when there is none. */
export type SendCommand = (argv: string[]) => Promise<Reply>;

/** `redis_version` from an INFO reply (Valkey reports the Redis version it is compatible with, e.g. 7.2.4). */
function serverVersion(info: Reply): string | undefined {
  if (info.type !== 'bulk' && info.type !== 'verbatim') return undefined;
  return /^redis_version:([^\r\n]+)/m.exec(info.value.toString('latin1'))?.[1];
}

export async function loadCatalog(send: SendCommand | undefined): Promise<CommandCatalog> {
  const bundled = CommandCatalog.bundled();
  if (!send) return bundled;
  try {
    const [docs, info, server] = await Promise.all([send(['COMMAND', 'DOCS']), send(['COMMAND', 'INFO']), send(['INFO', 'server'])]);
    return CommandCatalog.fromServer(docs, { info, fallback: bundled, version: serverVersion(server) }) ?? bundled;
  } catch {
    return bundled;
  }
}
