// Decides, like redis-cli 7.4's isSensitiveCommand, whether a line's argv must stay out of the history file.
import table from '../../data/sensitive-commands.json' with { type: 'json' };
import { equalsIgnoreCase } from './command-words.js';

type Arg = Buffer | string;

export interface SensitiveOptions {
  /** Also treat valkey-cli's extra CONFIG SET names (primaryuser, primaryauth) as secrets. */
  valkey?: boolean;
}

const CONFIG_SET_REDIS = table.configSetParams.words;
const CONFIG_SET_VALKEY = [...CONFIG_SET_REDIS, ...table.configSetParams.valkeyExtraWords];

/**
 * argv is the line after the repeat prefix was stripped. Mirrors the C exactly, including its argc
 * thresholds and its scan quirks (e.g. MIGRATE stops at KEYS, HELLO gives up on an unknown word).
 */
export function isSensitiveCommand(argv: readonly Arg[], opts: SensitiveOptions = {}): boolean {
  const argc = argv.length;
  if (argc === 0) return false;
  const is = (j: number, words: readonly string[]): boolean => anyWord(argv[j]!, words);

  if (is(0, ['auth'])) return true;

  if (argc > 1 && is(0, ['acl']) && is(1, table.aclSubcommands.words)) return true;

  if (argc > 2 && is(0, ['config']) && is(1, ['set'])) {
    const names = opts.valkey ? CONFIG_SET_VALKEY : CONFIG_SET_REDIS;
    for (let j = 2; j < argc; j += 2) if (is(j, names)) return true;
    return false;
  }

  // HELLO [protover [AUTH username password] [SETNAME clientname]]
  if (argc > 4 && is(0, ['hello'])) {
    for (let j = 2; j < argc; j++) {
      const moreargs = argc - 1 - j;
      if (is(j, table.helloAuth.words) && moreargs >= 2) return true;
      if (is(j, table.helloAuth.skipWithArg) && moreargs > 0) j++;
      else return false;
    }
    return false;
  }

  // MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH password]
  //   [AUTH2 username password] [KEYS key [key ...]]
  if (argc > 7 && is(0, ['migrate'])) {
    for (let j = 6; j < argc; j++) {
      const moreargs = argc - 1 - j;
      if (is(j, table.migrateAuth.authWords) && moreargs > 0) return true;
      if (is(j, table.migrateAuth.auth2Words) && moreargs >= 2) return true;
      if (is(j, table.migrateAuth.stopWords) && moreargs > 0) return false;
    }
    return false;
  }

  if (argc > 4 && is(0, ['sentinel'])) {
    if (is(1, ['config']) && is(2, ['set']) && is(3, table.sentinelConfigSetParams.words)) return true;
    if (is(1, ['set']) && is(3, table.sentinelSetOptions.words)) return true;
  }
  return false;
}

function anyWord(arg: Arg, words: readonly string[]): boolean {
  for (const w of words) if (equalsIgnoreCase(arg, w)) return true;
  return false;
}
