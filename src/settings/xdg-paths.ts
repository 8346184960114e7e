// eredis's directories under the XDG base directories: one rule for config, state (history) and cache.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

const VARIABLE = { config: 'XDG_CONFIG_HOME', state: 'XDG_STATE_HOME', cache: 'XDG_CACHE_HOME' } as const;
const FALLBACK = { config: '.config', state: join('.local', 'state'), cache: '.cache' } as const;

export type XdgKind = keyof typeof VARIABLE;
export type XdgEnv = { HOME?: string } & Partial<Record<(typeof VARIABLE)[XdgKind], string>>;

/**
 * `$XDG_<KIND>_HOME/eredis`, else `~/<default>/eredis`. A relative XDG value is ignored, as the specification says;
 * HOME comes from the environment we are given, then the OS.
 */
export function xdgPath(kind: XdgKind, env: XdgEnv): string {
  const xdg = env[VARIABLE[kind]];
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), FALLBACK[kind]);
  return join(base, 'eredis');
}
