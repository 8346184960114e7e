// Per-target defaults from $XDG_CONFIG_HOME/eredis/config (INI, like ~/.aws/config); flags and env win over it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xdgPath, type XdgEnv } from './xdg-paths.js';

/** Keys a section may set; anything else is reported once, so a typo does not silently do nothing. */
const KEYS = new Set(['secret-id', 'user', 'iam', 'region', 'profile', 'tls-verify', 'pager', 'reply-timeout']);

export type TargetConfig = Partial<Record<'secret-id' | 'user' | 'iam' | 'region' | 'profile' | 'tls-verify' | 'pager' | 'reply-timeout', string>>;

export interface ConfigFile {
  /** The section for a target (a group or serverless name, or host:port), matched case-insensitively. */
  forTarget(target: string): TargetConfig;
}

/** `$XDG_CONFIG_HOME/eredis/config`, else `~/.config/eredis/config`. */
export function configPath(env: XdgEnv): string {
  return join(xdgPath('config', env), 'config');
}

/** Parses `[target]` sections of `key = value` lines; `#`/`;` comments. Problems go to warn, never throw. */
export function parseConfig(text: string, warn: (line: string) => void, where = 'config'): Map<string, TargetConfig> {
  const sections = new Map<string, TargetConfig>();
  let current: TargetConfig | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = {};
      sections.set(section[1].trim().toLowerCase(), current);
      return;
    }
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim().toLowerCase() : '';
    if (!current || !KEYS.has(key)) {
      warn(`eredis: ${where}:${i + 1}: ignored (expected [target] then one of: ${[...KEYS].join(', ')})`);
      return;
    }
    current[key as keyof TargetConfig] = line.slice(eq + 1).trim();
  });
  return sections;
}

/** Reads the config file if there is one; a missing file is an empty config. */
export function loadConfig(path: string | undefined, warn: (line: string) => void): ConfigFile {
  let sections = new Map<string, TargetConfig>();
  if (path) {
    try {
      sections = parseConfig(readFileSync(path, 'utf8'), warn, path);
    } catch {
      // No config file.
    }
  }
  return { forTarget: (target) => sections.get(target.toLowerCase()) ?? {} };
}
