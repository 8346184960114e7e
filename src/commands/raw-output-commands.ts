// Commands whose replies redis-cli always prints raw, whatever the output mode (cliSendCommand's output_raw list).
import { word } from './command-words.js';

/** True when redis-cli would print this command's reply with the raw formatter and no delimiter. */
export function printsRaw(argv: Buffer[]): boolean {
  // Cheap first-letter test: this runs for every reply of a batch.
  const first = (argv[0]?.[0] ?? 0) | 0x20;
  if (first !== 0x69 && first !== 0x6c && first !== 0x64 && first !== 0x6d && first !== 0x63 && first !== 0x70) return false;
  const command = word(argv, 0);
  const sub = word(argv, 1);
  const argc = argv.length;
  switch (command) {
    case 'info':
    case 'lolwut':
      return true;
    case 'debug':
      return argc >= 2 && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction');
    case 'memory':
      return argc >= 2 && (sub === 'malloc-stats' || sub === 'doctor');
    case 'cluster':
      return argc === 2 && (sub === 'nodes' || sub === 'info');
    case 'client':
      return argc >= 2 && (sub === 'list' || sub === 'info');
    case 'latency':
      return (argc === 3 && sub === 'graph') || (argc === 2 && sub === 'doctor');
    case 'proxy':
      return argc >= 2 && sub === 'info';
    default:
      return false;
  }
}
