// The command catalog the way redis-cli builds its help: the server's COMMAND DOCS (and COMMAND INFO flags) when
// connected, else the bundled docs. Loaded lazily: the docs are 160 KB and only help, hints and guards need them.
import type { Session } from '../session/session.js';
import { CommandCatalog } from './catalog.js';

export async function loadCatalog(session: Session | undefined): Promise<CommandCatalog> {
  const bundled = CommandCatalog.bundled();
  if (!session?.connected) return bundled;
  try {
    const [docs, info] = await Promise.all([session.conn!.send(['COMMAND', 'DOCS']), session.conn!.send(['COMMAND', 'INFO'])]);
    return CommandCatalog.fromServer(docs, { info, fallback: bundled }) ?? bundled;
  } catch {
    return bundled;
  }
}
