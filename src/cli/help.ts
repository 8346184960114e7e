// Usage text rendered from the flag table (the same table drives parsing and shell completions).
import { FLAGS, type FlagSpec } from './flags.js';
import { VERSION } from '../version.js';

function left(f: FlagSpec): string {
  return f.names.join(', ') + (f.value ? ` ${f.value}` : '');
}

/** The full --help text. */
export function renderHelp(): string {
  const shown = FLAGS.filter((f) => !f.hidden);
  const width = Math.min(30, Math.max(...shown.map((f) => left(f).length)) + 2);
  const sections = [...new Set(shown.map((f) => f.section))];
  const lines = [`eredis ${VERSION}`, '', 'Usage: eredis [OPTIONS] [cmd [arg [arg ...]]]'];
  for (const section of sections) {
    lines.push('', `${section}:`);
    for (const f of shown.filter((x) => x.section === section)) {
      const name = left(f);
      const pad = name.length + 2 > width ? `\n  ${' '.repeat(width)}` : ' '.repeat(width - name.length);
      lines.push(`  ${name}${pad}${f.help}`);
    }
  }
  lines.push(
    '',
    'Cluster Manager Commands:',
    '  Use --cluster help to list all available cluster manager commands (and the --cluster-* options).',
    '',
    'Environment:',
    '  REDISCLI_AUTH      Password to use when connecting (safer than -a).',
    '',
    'Examples:',
    '  eredis --tls -h my.cache.example.com get mykey',
    '  cat /etc/passwd | eredis -x set mypasswd',
    '  eredis -r 100 lpush mylist x',
    '  eredis --eval myscript.lua key1 key2 , arg1 arg2 arg3',
    "  eredis --scan --pattern '*:12345*'",
    '  eredis -g mycluster --bigkeys    (every shard of a cluster-mode group)',
    '  eredis -g ssltest -c --stat              (one row per node of a cluster)',
    '  eredis < commands.txt            (one command per line, pipelined)',
    '',
    'When no command is given, eredis starts in interactive mode.',
    '',
  );
  return lines.join('\n');
}
