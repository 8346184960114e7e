// The `help` command in batches (redis-cli's cliOutputHelp), from the connected server's docs or the bundled ones.
import type { Session } from '../session/session.js';
import type { CommandCatalog } from '../commands/catalog.js';
import { VERSION } from '../version.js';

let cached: Promise<CommandCatalog> | undefined;

/** Output of `help` with the given topic words. */
export async function helpText(topic: string[], session: Session | undefined): Promise<string> {
  cached ??= import('../commands/load-catalog.js').then((m) => m.loadCatalog(session?.connected ? (argv) => session.conn!.send(argv) : undefined));
  const [{ helpOutput }, catalog] = await Promise.all([import('../commands/help-text.js'), cached]);
  return helpOutput(topic, catalog, VERSION);
}
