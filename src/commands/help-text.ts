// The REPL's `help [topic]` text, byte for byte as redis-cli 7.0.15 prints it from COMMAND DOCS (cliOutputHelp), and
// eredis's own shell words (`:nodes`, `:connect`, `:set`) as entries shaped like COMMAND DOCS, for help, TAB and hints.
import type { CommandArg, CommandCatalog, CommandDoc } from './catalog.js';
import { asciiLower } from './command-words.js';

/**
 * `help` with the words after it. No words: the generic help (eredis's name and version on the first line, and no
 * rc-file line: eredis reads none). `@group`: that group's commands. Otherwise every entry whose first words equal
 * the topic words, ignoring case (`help config` lists CONFIG and all its subcommands). Unknown topics print "\r\n".
 * The ANSI colours are part of the text, as in redis-cli, whether or not the output is a terminal.
 */
export function helpOutput(topic: readonly string[], catalog: CommandCatalog, version: string): string {
  if (topic.length === 0) return genericHelp(version);
  if (isOwnTopic(topic[0]!)) return ownHelp(topic[0]!);
  const group = topic[0]!.startsWith('@') ? asciiLower(topic[0]!.slice(1)) : undefined;
  const wanted = topic.map(asciiLower);
  let out = '';
  for (const e of catalog.entries) {
    if (group === undefined) {
      if (wanted.length <= e.words.length && wanted.every((w, j) => w === asciiLower(e.words[j]!))) out += entryHelp(e, true);
    } else if (e.group !== undefined && asciiLower(e.group) === group) {
      out += entryHelp(e, false);
    }
  }
  return `${out}\r\n`;
}

function genericHelp(version: string): string {
  return (
    `eredis ${version}\n` +
    'To get help about Redis commands type:\n' +
    '      "help @<group>" to get a list of commands in <group>\n' +
    '      "help <command>" for help on <command>\n' +
    '      "help <tab>" to get a list of possible help topics\n' +
    '      "quit" to exit\n' +
    '\n' +
    'To set redis-cli preferences:\n' +
    '      ":set hints" enable online hints\n' +
    '      ":set nohints" disable online hints\n' +
    '      ":set pager on|off" page replies taller than the terminal, or not\n' +
    '\n' +
    'To move between the nodes of an ElastiCache group (eredis -g NAME):\n' +
    '      ":nodes" list the group\'s members\n' +
    '      ":connect primary|reader|<member-id>" reconnect to one of them\n' +
    '      "help @eredis" for help on eredis\'s own commands\n'
  );
}

/** `help :connect` (one of ours, with its group) or `help @eredis` (all of them); unknown words print "\r\n". */
function ownHelp(topic: string): string {
  if (topic.startsWith('@')) return `${OWN_COMMANDS.map((e) => entryHelp(e, false)).join('')}\r\n`;
  const entry = ownCommand(topic);
  return `${entry ? entryHelp(entry, true) : ''}\r\n`;
}

/** cliOutputCommandHelp. A missing summary or group prints as glibc prints a NULL %s. */
function entryHelp(e: CommandDoc, withGroup: boolean): string {
  let s = `\r\n  \x1b[1m${e.full}\x1b[0m \x1b[90m${commandParams(e)}\x1b[0m\r\n`;
  s += `  \x1b[33msummary:\x1b[0m ${e.summary ?? '(null)'}\r\n`;
  if (e.since !== undefined) s += `  \x1b[33msince:\x1b[0m ${e.since}\r\n`;
  if (withGroup) s += `  \x1b[33mgroup:\x1b[0m ${e.group ?? '(null)'}\r\n`;
  return s;
}

/** The argument synopsis as redis-cli 7.0 builds it from COMMAND DOCS (cliConcatArguments); '' without arguments. */
export function commandParams(doc: CommandDoc): string {
  return concatArguments(doc.arguments ?? [], ' ');
}

function concatArguments(args: readonly CommandArg[], separator: string): string {
  return args.map(addArgument).join(separator);
}

const SCALAR_TYPES = new Set(['key', 'string', 'integer', 'double', 'pattern', 'unix-time', 'token']);
const orEmpty = (s: string): string => (s === '' ? '""' : s);

/**
 * cliAddArgument: `[` for optional, the token (plus a space unless a pure token), the body (the name; `|`-joined
 * alternatives for oneof; space-joined parts for block), and ` [<token> <body> ...]` for multiple (the token only
 * with multiple_token). Unlike 7.4's hint renderer, 7.0 uses `name` even when `display_text` is present, and
 * brackets optional alternatives inside a oneof: MIGRATE's `[[AUTH password]|[AUTH2 username password]]`.
 */
function addArgument(arg: CommandArg): string {
  const flags = arg.flags ?? [];
  let tokenPart = arg.token !== undefined ? orEmpty(arg.token) : '';
  let repeatPart = '';
  if (SCALAR_TYPES.has(arg.type)) repeatPart = orEmpty(arg.name);
  else if (arg.type === 'oneof') repeatPart = concatArguments(arg.arguments ?? [], '|');
  else if (arg.type === 'block') repeatPart = concatArguments(arg.arguments ?? [], ' ');
  // Any other type (pure-token, or one 7.0 does not know) has no body.

  if (tokenPart !== '' && arg.type !== 'pure-token') tokenPart += ' ';
  let params = tokenPart + repeatPart;
  if (flags.includes('multiple')) {
    params += ` [${flags.includes('multiple_token') ? tokenPart : ''}${repeatPart} ...]`;
  }
  return flags.includes('optional') ? `[${params}]` : params;
}

/** The group `help @eredis` lists. */
export const OWN_GROUP = 'eredis';

const token = (t: string): CommandArg => ({ name: t, type: 'pure-token', token: t });

function own(name: string, summary: string, args: CommandArg[]): CommandDoc {
  return { name, words: [name], full: name, summary, group: OWN_GROUP, arguments: args, flags: [], acl_categories: [] };
}

/** In help order (strcmp of the names). */
export const OWN_COMMANDS: readonly CommandDoc[] = [
  own(':connect', "Reconnects to the -g group's primary, its reader endpoint or one member, with the same credentials, "
    + 'TLS settings and tunnels', [
    { name: 'node', type: 'oneof', arguments: [token('primary'), token('reader'), { name: 'member-id', type: 'string' }] },
  ]),
  own(':nodes', "Lists the -g group's members: id, role, availability zone, endpoint, slots, and the one in use", []),
  own(':set', 'Sets a shell preference: grey argument hints on or off, the pager for tall replies on or off', [
    { name: 'preference', type: 'oneof', arguments: [token('hints'), token('nohints'), {
      name: 'pager', type: 'block', arguments: [token('pager'), { name: 'state', type: 'oneof', arguments: [token('on'), token('off')] }],
    }] },
  ]),
];

/** The entry for `:word` (any case), if it is one of ours. */
export function ownCommand(name: string): CommandDoc | undefined {
  const n = asciiLower(name);
  return OWN_COMMANDS.find((c) => c.name === n);
}

/** Whether a help topic names our words: `:connect`, or the `@eredis` group. */
export function isOwnTopic(topic: string): boolean {
  return topic.startsWith(':') || asciiLower(topic) === `@${OWN_GROUP}`;
}
