// bash, zsh and fish completion scripts rendered from the one flag table (committed under completions/, printed by `eredis completion SHELL`).
import { FLAGS, type FlagSpec } from './flags.js';
import docs from '../../data/command-docs.json' with { type: 'json' };

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

const HEADER = 'generated from src/cli/flags.ts by `npm run completions`: do not edit';

/** Subcommands eredis understands as its first word (everything else is a Redis command). */
const SUBCOMMANDS: ReadonlyArray<[string, string]> = [
  ['auth', 'keep AUTH tokens in the OS keychain: auth set|delete|list'],
  ['groups', 'list ElastiCache replication groups and serverless caches'],
  ['describe', 'list the nodes of one cache: describe -g NAME'],
  ['completion', 'print a shell completion script'],
];

/** Redis command names (lower case, as scripts usually type them) for the first word after the options. */
function redisCommands(): string[] {
  const names = Object.keys((docs as { commands: Record<string, unknown> }).commands ?? docs).filter((n) => !n.includes('|'));
  return [...new Set(names.map((n) => n.toLowerCase()))].sort();
}


function valuesOf(f: FlagSpec): string[] | undefined {
  return f.complete?.startsWith('values:') ? f.complete.slice(7).split(' ') : undefined;
}

function bash(): string {
  const names = FLAGS.flatMap((f) => f.names).join(' ');
  const byHint = (hint: string) => FLAGS.filter((f) => f.kind === 'string' && (f.complete ?? 'none') === hint).flatMap((f) => f.names).join('|');
  const valueCases = FLAGS.filter(valuesOf).map((f) => `    ${f.names.join('|')}) COMPREPLY=($(compgen -W "${valuesOf(f)!.join(' ')}" -- "$cur")); return ;;`);
  return `# bash completion for eredis (${HEADER})
_eredis() {
  COMPREPLY=()
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    ${byHint('file')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${byHint('dir')}) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    ${byHint('host')}) COMPREPLY=($(compgen -A hostname -- "$cur")); return ;;
    ${byHint('group')}) COMPREPLY=($(compgen -W "$(eredis __complete groups 2>/dev/null)" -- "$cur")); return ;;
${valueCases.join('\n')}
    ${byHint('none')}) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${names}" -- "$cur"))
    return
  fi
  # Only the first word after the options is a command; its arguments get default completion.
  local i=1
  while (( i < COMP_CWORD )); do
    case "\${COMP_WORDS[i]}" in
      ${FLAGS.filter((f) => f.kind === 'string').flatMap((f) => f.names).join('|')}) (( i += 2 )) ;;
      -*) (( i += 1 )) ;;
      *) return ;;
    esac
  done
  local words="${redisCommands().join(' ')}"
  (( COMP_CWORD == 1 )) && words="${SUBCOMMANDS.map(([n]) => n).join(' ')} $words"
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _eredis eredis
`;
}

function zshEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "'\\''").replace(/\[/g, '\\[').replace(/]/g, '\\]').replace(/:/g, '\\:');
}

function zshAction(f: FlagSpec): string {
  if (f.kind === 'boolean') return '';
  const values = valuesOf(f);
  const label = (f.value ?? 'value').replace(/[<>]/g, '');
  if (values) return `:${label}:(${values.join(' ')})`;
  switch (f.complete) {
    case 'file': return `:${label}:_files`;
    case 'dir': return `:${label}:_files -/`;
    case 'host': return `:${label}:_hosts`;
    case 'group': return `:${label}:(\$(eredis __complete groups 2>/dev/null))`;
    default: return `:${label}: `;
  }
}

function zsh(): string {
  const specs = FLAGS.flatMap((f) => f.names.map((n) => `  '${n}[${zshEscape(f.help)}]${zshAction(f)}'`));
  return `#compdef eredis
# zsh completion for eredis (${HEADER})
_arguments -s \\
${specs.join(' \\\n')} \\
  '1:command:((${[...SUBCOMMANDS.map(([n, d]) => `${n}\\:"${d}"`), ...redisCommands()].join(' ')}))' \\
  '*::arguments:_default'
`;
}

function fishEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function fish(): string {
  const lines = FLAGS.map((f) => {
    const parts = f.names.map((n) => (n.startsWith('--') ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`));
    const values = valuesOf(f);
    let action = '';
    if (f.kind === 'string') {
      if (values) action = ` -x -a '${values.join(' ')}'`;
      else if (f.complete === 'file') action = ' -r -F';
      else if (f.complete === 'dir') action = " -x -a '(__fish_complete_directories)'";
      else if (f.complete === 'host') action = " -x -a '(__fish_print_hostnames)'";
      else if (f.complete === 'group') action = " -x -a '(eredis __complete groups 2>/dev/null)'";
      else action = ' -x';
    }
    return `complete -c eredis ${parts.join(' ')}${action} -d '${fishEscape(f.help)}'`;
  });
  const subs = SUBCOMMANDS.map(([n, d]) => `complete -c eredis -n __fish_use_subcommand -a ${n} -d '${fishEscape(d)}'`);
  subs.push(`complete -c eredis -n __fish_use_subcommand -a '${redisCommands().join(' ')}'`);
  return `# fish completion for eredis (${HEADER})\n${[...lines, ...subs].join('\n')}\n`;
}

/** The completion script for `shell`. */
export function completionScript(shell: Shell): string {
  return shell === 'bash' ? bash() : shell === 'zsh' ? zsh() : fish();
}

/** The committed file name for each shell. */
export function completionFile(shell: Shell): string {
  return shell === 'bash' ? 'eredis.bash' : shell === 'zsh' ? '_eredis' : 'eredis.fish';
}
