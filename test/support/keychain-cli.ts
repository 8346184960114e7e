// Test-only CLI around the keychain code, bundled by buildKeychainCli() and run as a child with its own D-Bus env.
//   node keychain-cli.mjs auth set|delete|list ...   -> runAuthCommand with real stdin/stdout/stderr
//   node keychain-cli.mjs lookup TARGET [USER]       -> getSecret, printing "found" / "none" (never the secret)
import { getSecret, KeychainUnavailable } from '../../src/auth/keychain.js';
import { runAuthCommand } from '../../src/modes/auth-command.js';
import { readLineFromStdin } from '../../src/ui/prompts.js';

async function main(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'auth') {
    return runAuthCommand(rest, {
      out: (text) => process.stdout.write(text),
      err: (line) => process.stderr.write(`${line}\n`),
      stdinIsTTY: process.stdin.isTTY === true,
      readStdinLine: readLineFromStdin,
    });
  }
  if (verb === 'lookup') {
    const found = await getSecret(rest[0], rest[1]);
    if (found instanceof KeychainUnavailable) {
      process.stderr.write(`${found.line}\n`);
      process.stdout.write('unavailable\n');
    } else {
      process.stdout.write(found === undefined ? 'none\n' : 'found\n');
    }
    return 0;
  }
  process.stderr.write('usage: keychain-cli auth ARGS... | lookup TARGET [USER]\n');
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`CRASH ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 99;
  },
);
