// The `help` command (redis-cli's cliOutputHelp), from the connected server's COMMAND DOCS or the bundled docs.
import type { Session } from '../session/session.js';
import type { CommandCatalog } from '../repl/command-catalog.js';
import { VERSION } from '../version.js';

let cached: Promise<CommandCatalog> | undefined;

/** The catalog for help, hints and guards: live COMMAND DOCS when connected, else the bundled docs (lazy: 160 KB). */
export function loadCatalog(session: Session | undefined): Promise<CommandCatalog> {
  cached ??= (async () => {
    const { CommandCatalog } = await import('../repl/command-catalog.js');
    const bundled = CommandCatalog.bundled();
    if (!session?.connected) return bundled;
    try {
      const docs = await session.conn!.send(['COMMAND', 'DOCS']);
      return CommandCatalog.fromServer(docs, { fallback: bundled }) ?? bundled;
    } catch {
      return bundled;
    }
  })();
  return cached;
}

/** Output of `help` with the given topic words. */
export async function helpText(topic: string[], session: Session | undefined): Promise<string> {
  const [{ helpOutput }, catalog] = await Promise.all([import('../repl/help-text.js'), loadCatalog(session)]);
  return helpOutput(topic, catalog, VERSION);
}
