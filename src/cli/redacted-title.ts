// The command line as `ps` should show it: -a/--pass values and URI passwords masked.

/** `eredis ...argv` with secrets replaced by `***`. */
export function redactedTitle(argv: readonly string[]): string {
  const words = argv.map((word, i) => {
    const prev = argv[i - 1];
    if (prev === '-a' || prev === '--pass') return '***';
    if (prev === '-u') {
      return word.replace(/^([a-z]+:\/\/)([^@/]*)@/i, (_m, scheme: string, info: string) =>
        `${scheme}${info.includes(':') ? `${info.split(':')[0]}:***` : '***'}@`);
    }
    return word;
  });
  return ['eredis', ...words].join(' ');
}
