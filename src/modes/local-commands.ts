// Lines redis-cli handles itself instead of sending: quit/exit, connect, clear, :set, restart, help.
import { word } from '../commands/command-words.js';
import type { CommandCatalog } from '../commands/catalog.js';
import { helpOutput } from '../commands/help-text.js';
import type { Session } from '../session/session.js';
import { atoi } from '../util/c-numbers.js';
import { VERSION } from '../version.js';

export interface LocalContext {
  session: Session;
  write(text: string): void;
  warn(line: string): void;
  /** The command docs `help` prints from (the shell's live catalog, or loaded on first use). */
  catalog(): Promise<CommandCatalog>;
  /** `:set hints` / `:set nohints` in the shell; elsewhere accepted and ignored, as redis-cli does. */
  setHints?(on: boolean): void;
  /** `:set pager on|off` in the shell (eredis's own preference). */
  setPager?(on: boolean): void;
}

export interface LocalCommand {
  run(ctx: LocalContext): Promise<'exit' | 'continue'>;
}

/** The local command `argv` names (checked on the line before the repeat prefix is stripped), if any. */
export function localCommand(argv: Buffer[]): LocalCommand | undefined {
  const name = word(argv);
  if (name === 'quit' || name === 'exit') return { run: async () => 'exit' };
  if (argv[0][0] === 0x3a /* ':' */) {
    return {
      run: async (ctx) => {
        const sub = word(argv, 1);
        if (name === ':set' && argv.length >= 2) {
          const value = word(argv, 2);
          if (sub === 'hints' || sub === 'nohints') ctx.setHints?.(sub === 'hints');
          else if (sub === 'pager' && argv.length === 3 && (value === 'on' || value === 'off')) ctx.setPager?.(value === 'on');
          else ctx.write(`unknown redis-cli preference '${argv[1].toString('latin1')}'\n`);
        } else {
          ctx.write(`unknown redis-cli internal command '${argv[0].toString('latin1')}'\n`);
        }
        return 'continue';
      },
    };
  }
  if (name === 'restart') return { run: async (ctx) => { ctx.write("Use 'restart' only in Lua debugging mode.\n"); return 'continue'; } };
  if (argv.length === 3 && name === 'connect') {
    return {
      run: async (ctx) => {
        try {
          await ctx.session.moveTo(argv[1].toString('utf8'), atoi(argv[2].toString('latin1')));
        } catch (err) {
          ctx.session.disconnect();
          ctx.session.reportConnectError(err);
        }
        return 'continue';
      },
    };
  }
  if (argv.length === 1 && name === 'clear') return { run: async (ctx) => { ctx.write('\x1b[H\x1b[2J'); return 'continue'; } };
  return undefined;
}

/** `help [topic]` / `? [topic]`, checked after the repeat prefix is stripped (it needs no connection). */
export function helpCommand(argv: Buffer[]): LocalCommand | undefined {
  const name = word(argv);
  if (name !== 'help' && name !== '?') return undefined;
  return {
    run: async (ctx) => {
      ctx.write(helpOutput(argv.slice(1).map((a) => a.toString('utf8')), await ctx.catalog(), VERSION));
      return 'continue';
    },
  };
}
