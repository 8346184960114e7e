// `eredis auth set|delete|list`: keeps AUTH tokens in the OS keychain so they are never typed on a command line.
import { accountName, deleteSecret, KeychainUnavailable, listAccounts, setSecret } from '../auth/keychain.js';
import { promptSecret } from '../ui/prompts.js';

export interface AuthCommandIO {
  /** Standard output; the text carries its own newlines. */
  out(text: string): void;
  /** One line for stderr, without a newline. */
  err(line: string): void;
  stdinIsTTY: boolean;
  readStdinLine(): string;
}

/** Injected for tests; the default is the masked @inquirer/prompts password prompt. */
export interface AuthCommandDeps {
  prompt?: (message: string) => Promise<string | undefined>;
}

const USAGE = 'usage: eredis auth set TARGET [--user NAME] | eredis auth delete TARGET [--user NAME] | eredis auth list';

interface Parsed {
  verb: string;
  target?: string;
  user?: string;
}

function parse(args: string[]): Parsed | string {
  const [verb, ...rest] = args;
  if (verb === undefined) return USAGE;
  const words: string[] = [];
  let user: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--user') {
      user = rest[++i];
      if (user === undefined || user === '') return "eredis auth: '--user' needs a NAME";
    } else if (a.startsWith('--user=')) {
      user = a.slice('--user='.length);
      if (user === '') return "eredis auth: '--user' needs a NAME";
    } else if (a.startsWith('-') && a.length > 1) {
      return `eredis auth: unknown option '${a}'`;
    } else {
      words.push(a);
    }
  }
  if (verb === 'list') return words.length === 0 && user === undefined ? { verb } : USAGE;
  if (verb !== 'set' && verb !== 'delete') return `eredis auth: unknown subcommand '${verb}'; ${USAGE}`;
  if (words.length !== 1 || words[0].trim() === '') return USAGE;
  if (words[0].includes('@')) return `eredis auth: TARGET cannot contain '@'; give the user with --user NAME`;
  return { verb, target: words[0], user };
}

export async function runAuthCommand(args: string[], io: AuthCommandIO, deps: AuthCommandDeps = {}): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.err(parsed);
    return 1;
  }
  const unavailable = (u: KeychainUnavailable) => {
    io.err(u.line);
    return 1;
  };

  if (parsed.verb === 'list') {
    const accounts = await listAccounts();
    if (accounts instanceof KeychainUnavailable) return unavailable(accounts);
    if (accounts.length === 0) io.err('No AUTH tokens saved in the keychain.');
    for (const a of accounts) io.out(`${accountName(a.target, a.user)}\n`);
    return 0;
  }

  const target = parsed.target!;
  const account = accountName(target, parsed.user);
  if (parsed.verb === 'delete') {
    const deleted = await deleteSecret(target, parsed.user);
    if (deleted instanceof KeychainUnavailable) return unavailable(deleted);
    if (!deleted) {
      io.err(`eredis: no AUTH token for ${account} in the keychain`);
      return 1;
    }
    io.out(`Deleted the AUTH token for ${account} from the keychain.\n`);
    return 0;
  }

  // set: a hidden prompt on a terminal, otherwise exactly one line from stdin (never an argument: ps would show it)
  const secret = io.stdinIsTTY
    ? await (deps.prompt ?? promptSecret)(`AUTH token for ${account}`)
    : io.readStdinLine();
  if (secret === undefined) return 1; // Ctrl-C at the prompt
  if (secret === '') {
    io.err('eredis: empty AUTH token; nothing saved');
    return 1;
  }
  const saved = await setSecret(target, parsed.user, secret);
  if (saved instanceof KeychainUnavailable) return unavailable(saved);
  io.out(`Saved the AUTH token for ${account} in the keychain.\n`);
  return 0;
}
