// Terminal questions (@inquirer/prompts, loaded on first use): a masked secret, a yes/no; and one line from a pipe.
import { readFully } from '../util/sync-io.js';

const isCancel = (err: unknown) => err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');

/** A masked password prompt on stderr (stdout may be a pipe); undefined on Ctrl-C. */
export async function promptSecret(message: string): Promise<string | undefined> {
  const { password } = await import('@inquirer/prompts');
  try {
    return await password({ message, mask: '*' }, { output: process.stderr });
  } catch (err) {
    if (isCancel(err)) return undefined;
    throw err;
  }
}

/** A yes/no question, "no" by default and on Ctrl-C; on stderr unless told otherwise. */
export async function confirmYes(message: string, output: NodeJS.WritableStream = process.stderr): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm({ message, default: false }, { output });
  } catch (err) {
    if (isCancel(err)) return false;
    throw err;
  }
}

/** Reads one line from stdin byte by byte, so whatever follows stays for the batch reader; no trailing CR/LF. */
export function readLineFromStdin(): string {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readFully(0, one);
    } catch {
      break;
    }
    if (n === 0 || one[0] === 0x0a) break;
    bytes.push(one[0]);
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r$/, '');
}
