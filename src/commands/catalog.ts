// Command metadata for help, hints and completion: from the server's COMMAND DOCS, or the bundled data/command-docs.json.
import data from '../../data/command-docs.json' with { type: 'json' };
import type { Reply } from '../resp/types.js';
import { asciiLower, asciiUpper, wordText } from './command-words.js';

/** One node of the COMMAND DOCS argument tree. */
export interface CommandArg {
  name: string;
  /** key, string, integer, double, pattern, unix-time, pure-token, oneof or block. */
  type: string;
  token?: string;
  display_text?: string;
  value?: string;
  since?: string;
  /** optional, multiple, multiple_token. */
  flags?: string[];
  /** Alternatives (oneof) or parts (block). */
  arguments?: CommandArg[];
}

/** What the data file (and a decoded server reply) says about one command or subcommand. */
export interface CommandSpec {
  summary?: string;
  since?: string;
  group?: string;
  complexity?: string;
  deprecated_since?: string;
  replaced_by?: string;
  doc_flags?: string[];
  arguments?: CommandArg[];
  /** COMMAND INFO flags: write, readonly, admin, noscript, ... */
  flags?: string[];
  /** COMMAND INFO ACL categories: @write, @dangerous, @slow, ... */
  acl_categories?: string[];
  arity?: number;
}

export interface CommandDoc extends CommandSpec {
  /** The server's name: lower case, `config|get` for a subcommand. */
  name: string;
  /** The help words in upper case, e.g. ['CONFIG', 'GET']. */
  words: string[];
  /** The words joined by a space: `CONFIG GET` (what help prints and completion inserts). */
  full: string;
  flags: string[];
  acl_categories: string[];
}

export interface CommandDocsFile {
  server?: string;
  commands: Record<string, CommandSpec>;
}

export interface FromServerOptions {
  /** The `COMMAND` (or `COMMAND INFO`) reply, for command flags and arity. */
  info?: Reply;
  /** Where flags come from without `info`; null for nowhere. Default: the bundled catalog. */
  fallback?: CommandCatalog | null;
  /** The server's redis_version, kept for display. */
  version?: string;
}

type Word = string | Buffer;

/** strcmp order (code units; the same as bytes for ASCII names). */
export const strcmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class CommandCatalog {
  /** All commands and subcommands, sorted by `full` like redis-cli's help table. */
  readonly entries: readonly CommandDoc[];
  private readonly byName = new Map<string, CommandDoc>();

  constructor(
    specs: Record<string, CommandSpec>,
    readonly source: 'server' | 'bundled',
    readonly serverVersion?: string,
  ) {
    const list: CommandDoc[] = [];
    for (const [rawName, spec] of Object.entries(specs)) {
      const name = asciiLower(rawName);
      const pipe = name.indexOf('|');
      const words = (pipe < 0 ? [name] : [name.slice(0, pipe), name.slice(pipe + 1)]).map(asciiUpper);
      const doc: CommandDoc = {
        ...spec, name, words, full: words.join(' '), flags: spec.flags ?? [], acl_categories: spec.acl_categories ?? [],
      };
      list.push(doc);
      this.byName.set(name, doc);
    }
    this.entries = list.sort((a, b) => strcmp(a.full, b.full));
  }

  /** The catalog from the bundled data file (generated from a 7.0 server). */
  static bundled(): CommandCatalog {
    return (bundledCatalog ??= new CommandCatalog((data as CommandDocsFile).commands, 'bundled', data.server));
  }

  /**
   * The catalog from a decoded `COMMAND DOCS` reply (RESP3 map or RESP2 flat key/value array), with flags and
   * arity from a `COMMAND`/`COMMAND INFO` reply when given, else from `fallback` (by name; default: bundled data).
   * Returns undefined when `docs` is an error or not a table, so the caller can use the bundled data instead.
   */
  static fromServer(docs: Reply, opts: FromServerOptions = {}): CommandCatalog | undefined {
    const fallback = opts.fallback === undefined ? CommandCatalog.bundled() : opts.fallback;
    const info = opts.info;
    const table = pairs(docs);
    if (table === undefined) return undefined;
    const specs: Record<string, CommandSpec> = {};
    for (const [name, spec] of table) addDocs(specs, name, spec);
    const known = new Set<string>();
    for (const entry of list(info) ?? []) addInfo(specs, entry, known);
    if (fallback) {
      for (const [name, spec] of Object.entries(specs)) {
        const fb = fallback.get(name);
        if (!known.has(name) && fb) Object.assign(spec, { flags: fb.flags, arity: fb.arity, acl_categories: fb.acl_categories });
      }
    }
    return new CommandCatalog(specs, 'server', opts.version);
  }

  /** By full name, any case: `get`, `config get`, `CONFIG|GET`. */
  get(name: string): CommandDoc | undefined {
    return this.byName.get(asciiLower(name.trim()).split(/[\s|]+/).join('|'));
  }

  /** findHelpEntry: the longest entry (2 words, then 1) whose words start `argv`, ignoring case. */
  match(argv: readonly Word[]): CommandDoc | undefined {
    if (argv.length === 0) return undefined;
    const first = asciiLower(wordText(argv[0]!));
    if (argv.length >= 2) {
      const sub = this.byName.get(`${first}|${asciiLower(wordText(argv[1]!))}`);
      if (sub) return sub;
    }
    return this.byName.get(first);
  }

  /** The subcommands of a container command (`client` -> CLIENT CACHING, CLIENT GETNAME, ...), in help order. */
  subcommandsOf(name: string): CommandDoc[] {
    const prefix = `${asciiLower(name)}|`;
    return this.entries.filter((e) => e.name.startsWith(prefix));
  }

  /** Distinct command groups, sorted. */
  groups(): string[] {
    return [...new Set(this.entries.flatMap((e) => (e.group === undefined ? [] : [e.group])))].sort(strcmp);
  }

  /** Entries whose group equals `group`, ignoring case, in help order. */
  inGroup(group: string): CommandDoc[] {
    const g = asciiLower(group);
    return this.entries.filter((e) => e.group !== undefined && asciiLower(e.group) === g);
  }

  /** COMMAND INFO flags of the command `argv` names (longest match), or [] when unknown. */
  flagsOf(argv: readonly Word[]): string[] {
    return this.match(argv)?.flags ?? [];
  }

  /** A COMMAND INFO flag (`write`) or, with a leading `@`, an ACL category (`@dangerous`). */
  hasFlag(argv: readonly Word[], flag: string): boolean {
    const doc = this.match(argv);
    return (flag.startsWith('@') ? doc?.acl_categories : doc?.flags)?.includes(flag) ?? false;
  }
}

let bundledCatalog: CommandCatalog | undefined;

/** String content of a simple/bulk/verbatim reply. */
function text(r: Reply | undefined): string | undefined {
  if (r === undefined) return undefined;
  if (r.type === 'simple' || r.type === 'bulk' || r.type === 'verbatim') return r.value.toString('utf8');
  if (r.type === 'integer') return String(r.value);
  return undefined;
}

function list(r: Reply | undefined): Reply[] | undefined {
  return r && (r.type === 'array' || r.type === 'set' || r.type === 'push') ? r.items : undefined;
}

/** A RESP3 map, or a RESP2 array of alternating keys and values. */
function pairs(r: Reply | undefined): Array<[string, Reply]> | undefined {
  if (r?.type === 'map') return r.entries.map(([k, v]) => [text(k) ?? '', v]);
  const items = list(r);
  if (!items) return undefined;
  const out: Array<[string, Reply]> = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([text(items[i]) ?? '', items[i + 1]!]);
  return out;
}

const strings = (r: Reply | undefined): string[] | undefined => list(r)?.map((x) => text(x) ?? '');

function addDocs(specs: Record<string, CommandSpec>, name: string, reply: Reply): void {
  const spec: CommandSpec = {};
  for (const [k, v] of pairs(reply) ?? []) {
    if (k === 'summary' || k === 'since' || k === 'group' || k === 'complexity' || k === 'deprecated_since' || k === 'replaced_by') {
      spec[k] = text(v);
    } else if (k === 'doc_flags') spec.doc_flags = strings(v);
    else if (k === 'arguments') spec.arguments = list(v)?.map(toArg);
    else if (k === 'subcommands') for (const [sub, subSpec] of pairs(v) ?? []) addDocs(specs, sub, subSpec);
  }
  specs[asciiLower(name)] = spec;
}

function toArg(reply: Reply): CommandArg {
  const arg: CommandArg = { name: '', type: '' };
  for (const [k, v] of pairs(reply) ?? []) {
    if (k === 'name' || k === 'type' || k === 'token' || k === 'display_text' || k === 'value' || k === 'since') {
      arg[k] = text(v) ?? '';
    } else if (k === 'flags') arg.flags = strings(v);
    else if (k === 'arguments') arg.arguments = list(v)?.map(toArg);
  }
  return arg;
}

/** One COMMAND entry: [name, arity, flags, first, last, step, acl, tips, key specs, subcommands]. */
function addInfo(specs: Record<string, CommandSpec>, entry: Reply, known: Set<string>): void {
  const items = list(entry);
  const name = items && text(items[0]);
  if (!items || name === undefined) return;
  const key = asciiLower(name);
  const spec = specs[key];
  if (!spec) return; // no docs: redis-cli shows no help entry for it either
  const arity = items[1]?.type === 'integer' ? Number(items[1].value) : undefined;
  if (arity !== undefined) spec.arity = arity;
  spec.flags = (strings(items[2]) ?? []).sort(strcmp);
  spec.acl_categories = (strings(items[6]) ?? []).sort(strcmp);
  known.add(key);
  for (const sub of list(items[9]) ?? []) addInfo(specs, sub, known);
}
