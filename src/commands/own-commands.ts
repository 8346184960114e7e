// eredis's own shell words (`:nodes`, `:connect`, `:set`) as help entries shaped like COMMAND DOCS, for `help :word`,
// `help @eredis`, TAB and hints.
import type { CommandArg, CommandDoc } from './catalog.js';
import { asciiLower } from './command-words.js';

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
  own(':set', 'Sets a shell preference: grey argument hints on or off', [
    { name: 'preference', type: 'oneof', arguments: [token('hints'), token('nohints')] },
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
