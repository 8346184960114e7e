// The shell's command docs: the bundled catalog from the first prompt on, the server's (COMMAND DOCS, COMMAND INFO,
// INFO server: ~200 KB) once they arrive in the background, so a slow link never delays the prompt.
import { CommandCatalog } from '../commands/catalog.js';
import { loadCatalog, type SendCommand } from '../commands/load-catalog.js';

export class ShellCatalog {
  /** Read on first use (after the first prompt): the bundled file is 160 KB of JSON. */
  private now: CommandCatalog | undefined;
  /** Resolves with the catalog the shell ends up with (the bundled one when the server's cannot be had). */
  readonly loaded: Promise<CommandCatalog>;

  /** Starts loading the server's docs over `send` (none: the bundled docs stay); `onSwitch` runs when they are in. */
  constructor(send: SendCommand | undefined, onSwitch: (catalog: CommandCatalog) => void = () => undefined) {
    this.loaded = send === undefined ? Promise.resolve().then(() => this.current) : loadCatalog(send).then((catalog) => {
      if (catalog !== this.now) {
        this.now = catalog;
        onSwitch(catalog);
      }
      return catalog;
    });
  }

  /** The docs in use now: hints, completion and guards read them at each use. */
  get current(): CommandCatalog {
    return (this.now ??= CommandCatalog.bundled());
  }
}
