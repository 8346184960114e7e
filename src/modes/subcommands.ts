// eredis's own subcommands: `auth set|delete|list`, `groups`, `describe -g NAME`, `completion SHELL`.
import type { Output } from '../output/fd-output.js';

export interface SubcommandContext {
  out: Output;
  warn(line: string): void;
  env: Record<string, string | undefined>;
  terminal: { stdinIsTTY: boolean; stdoutIsTTY: boolean };
  readStdinLine(): string;
}

/** Small flag reader for the AWS subcommands: --region R, --profile P, -g/--group NAME. */
function awsFlags(args: string[]): { region?: string; profile?: string; group?: string } | string {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const name = { '--region': 'region', '--profile': 'profile', '-g': 'group', '--group': 'group' }[args[i]];
    if (!name || args[i + 1] === undefined) return `eredis: unknown option or missing value: '${args[i]}'`;
    flags[name] = args[++i];
  }
  return flags;
}

/** Runs argv as a subcommand when its first word names one; undefined when it is a Redis command line. */
export async function runSubcommand(argv: string[], ctx: SubcommandContext): Promise<number | undefined> {
  const [first, ...rest] = argv;
  if (first === 'auth' && ['set', 'delete', 'list'].includes(rest[0] ?? '')) {
    const { runAuthCommand } = await import('./auth-command.js');
    return runAuthCommand(rest, { out: (t) => ctx.out.write(t), err: ctx.warn, stdinIsTTY: ctx.terminal.stdinIsTTY, readStdinLine: ctx.readStdinLine });
  }
  if (first === 'completion') {
    // Lazy: the scripts embed the command list from the 160 KB command docs.
    const { SHELLS, completionScript } = await import('../cli/completion-scripts.js');
    const shell = rest[0] as (typeof SHELLS)[number];
    if (!SHELLS.includes(shell)) { ctx.warn(`usage: eredis completion ${SHELLS.join('|')}`); return 1; }
    ctx.out.write(completionScript(shell));
    return 0;
  }
  if (first === '__complete') {
    // Hidden: dynamic values for the shell completion scripts, one per line, silent on errors.
    const flags = awsFlags(rest.slice(1));
    if (rest[0] !== 'groups' || typeof flags === 'string') return 0;
    const [{ groupNames }, { defaultCacheDir }] = await Promise.all([import('../elasticache/cache-names.js'), import('../elasticache/resolution-cache.js')]);
    const names = await groupNames({ region: flags.region, profile: flags.profile, cacheDir: defaultCacheDir(ctx.env), env: ctx.env });
    ctx.out.write(names.map((n) => `${n}\n`).join(''));
    return 0;
  }
  if (first === 'groups' || first === 'describe') {
    const flags = awsFlags(rest);
    if (typeof flags === 'string') { ctx.warn(flags); return 1; }
    const [ec, tables] = await Promise.all([import('../elasticache/lookup.js'), import('../ui/cache-tables.js')]);
    const color = ctx.terminal.stdoutIsTTY;
    if (first === 'groups') {
      const list = await ec.listCaches({ region: flags.region, profile: flags.profile, env: ctx.env });
      ctx.out.write(`${tables.renderCacheTable(list, { color, region: flags.region })}\n`);
      return 0;
    }
    if (!flags.group) { ctx.warn('usage: eredis describe -g NAME [--region R] [--profile P]'); return 1; }
    const listing = await ec.describeNodes({ name: flags.group, region: flags.region, profile: flags.profile, env: ctx.env });
    ctx.out.write(`${tables.renderNodeTable(listing, { color })}\n`);
    return 0;
  }
  return undefined;
}
