// `eredis -g` with no name: list the account's caches and let the user pick one (a terminal is required).
import type { Settings } from '../settings/settings.js';

export class ChooseCacheError extends Error {}

/** The chosen replication group or serverless cache name. */
export async function chooseCache(aws: Settings['aws'], env: Record<string, string | undefined>, stdinIsTTY: boolean): Promise<string> {
  if (!stdinIsTTY) throw new ChooseCacheError('eredis: -g needs a replication group or serverless cache name (no terminal to choose one on)');
  const [ec, tables, prompts] = await Promise.all([import('../elasticache/lookup.js'), import('./cache-tables.js'), import('@inquirer/prompts')]);
  const list = await ec.listCaches({ ...aws, env });
  if (list.length === 0) throw new ChooseCacheError('eredis: no replication groups or serverless caches in this account and region');
  try {
    return await prompts.select({ message: 'ElastiCache cache to connect to', choices: tables.cacheChoices(list), pageSize: 15 });
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new ChooseCacheError('eredis: no cache chosen');
    throw err;
  }
}
