// The text of the REPL's `help` command (redis-cli's cliOutputHelp).
import { VERSION } from '../version.js';

/** Output of `help` with the given topic words. */
export function helpText(topic: string[]): string {
  if (topic.length === 0) {
    return `eredis ${VERSION}
To get help about Redis commands type:
      "help @<group>" to get a list of commands in <group>
      "help <command>" for help on <command>
      "help <tab>" to get a list of possible help topics
      "quit" to exit

To set redis-cli preferences:
      ":set hints" enable online hints
      ":set nohints" disable online hints
`;
  }
  return '\r\n';
}
