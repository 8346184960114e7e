// The shell's TAB and hints: completer.ts and hints.ts over the command docs, plus eredis's own `:` words, the group's
// members after `:connect `, and key names (key-completion.ts), the slow candidates when they arrive.
import type { CommandCatalog, CommandDoc } from '../commands/catalog.js';
import { asciiLower } from '../commands/command-words.js';
import { commandParams, OWN_COMMANDS, ownCommand } from '../commands/help-text.js';
import { completions } from './completer.js';
import { hintFor } from './hints.js';
import { mergeCandidates } from './key-candidates.js';
import type { KeyCompletion } from './key-completion.js';

export interface AssistSources {
  /** The command docs in use now (bundled until the server's arrive). */
  catalog(): CommandCatalog;
  keys: KeyCompletion;
  /** The -g group's member ids: those known now, and a lookup when there are none yet. */
  members?: { known(): string[]; lookup(): Promise<string[]> | undefined };
}

/** `:word` alone (or after `help `), and `:word ARG`. */
const OWN_NAME = /^((?:help[ \t]+)?)(:[^ \t]*)$/i;
const OWN_ARG = /^(:[^ \t]+[ \t]+)([^ \t]*)$/;

/** The keywords an own command takes first (`:set` -> hints, nohints). */
function firstTokens(doc: CommandDoc): string[] {
  const first = doc.arguments?.[0];
  return (first?.type === 'oneof' ? first.arguments ?? [] : []).flatMap((a) => (a.type === 'pure-token' ? [a.token!] : []));
}

export class ShellAssist {
  constructor(private readonly s: AssistSources) {}

  /** Candidate lines now: as completer.ts gives them, plus ours and the key names known without asking. */
  complete(line: string): string[] {
    const own = this.ownCandidates(line);
    if (own) return own;
    const base = completions(line, this.s.catalog());
    const keys = this.s.keys.now(line);
    return keys.length === 0 ? base : mergeCandidates(base, keys);
  }

  /** The whole list once the server (keys) or the ElastiCache API (member ids) answered; undefined: none coming. */
  later(line: string): Promise<string[]> | undefined {
    if (/^:connect[ \t]/i.test(line)) return this.s.members?.lookup()?.then(() => this.complete(line));
    if (line.startsWith(':')) return undefined;
    return this.s.keys.later(line)?.then((keys) => mergeCandidates(completions(line, this.s.catalog()), keys));
  }

  /** redis-cli's hint, or the synopsis of one of our words right after it. */
  hint(line: string): string | undefined {
    const m = /^(:[^ \t]+)[ \t]+(.*)$/.exec(line);
    const own = m ? ownCommand(m[1]!) : line.startsWith(':') ? undefined : null;
    if (own === null) return hintFor(line, this.s.catalog());
    if (!own || !m) return undefined;
    return m[2] === '' ? commandParams(own) : '';
  }

  private ownCandidates(line: string): string[] | undefined {
    const name = OWN_NAME.exec(line);
    if (name) {
      const typed = asciiLower(name[2]!);
      return OWN_COMMANDS.map((c) => c.name).filter((n) => n.startsWith(typed)).map((n) => name[1] + n);
    }
    const arg = OWN_ARG.exec(line);
    const doc = arg && ownCommand(arg[1]!.trim());
    if (!arg || !doc) return undefined;
    const words = [...firstTokens(doc), ...(doc.name === ':connect' ? this.s.members?.known() ?? [] : [])];
    const typed = arg[2]!.toLowerCase();
    return words.filter((w) => w.toLowerCase().startsWith(typed)).map((w) => arg[1] + w);
  }
}
