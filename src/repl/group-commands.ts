// `:nodes` and `:connect primary|reader|MEMBER-ID`: the -g group's members, and moving the shell between them with
// the same credentials, TLS settings and tunnels. The prompt follows, as it shows the session's target.
import { word } from '../commands/command-words.js';
import type { LocalCommand } from '../modes/local-commands.js';
import type { Session } from '../session/session.js';
import type { CacheRole } from '../settings/settings.js';
import { renderMemberTable, type NodeListing } from '../ui/member-table.js';
import { TunnelError } from '../util/connection-errors.js';
import type { HostPort } from '../util/host-port.js';

/** What the shell knows of its -g group (main builds it: groupAccess in endpoint/connection-plan.ts). */
export interface ShellGroup {
  name: string;
  /** How the session started: the primary endpoint, the reader endpoint (--replica), a member (--node). */
  start: CacheRole;
  nodes(): Promise<NodeListing>;
  locate(role: CacheRole): Promise<HostPort>;
}

export interface GroupIO {
  /** A byte string (one char per byte), like the shell's other output. */
  write(text: string): void;
  warn(line: string): void;
  /** Colours in the table (a terminal). */
  color: boolean;
}

/** `primary`, `reader` (or `replica`), else a member id. */
export function roleOf(arg: string): CacheRole {
  const a = arg.toLowerCase();
  return a === 'primary' ? 'primary' : a === 'reader' || a === 'replica' ? 'replica' : { node: arg };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** One line in eredis's words: the API's and the tunnel's messages, which some already start with `eredis: `. */
const eredisLine = (err: unknown) => errorText(err).replace(/^(?!eredis: )/, 'eredis: ');

/** redis-cli's words for a failed connect, or the error's own. */
function connectFailure(session: Session, err: unknown): string {
  try {
    return session.connectErrorLine(err);
  } catch {
    return errorText(err);
  }
}

export class GroupCommands {
  /** How the session got where it is now. */
  private where: CacheRole;
  private memberIds: string[] | undefined;

  constructor(
    private readonly session: Session, private readonly group: ShellGroup | undefined, private readonly io: GroupIO,
  ) {
    this.where = group?.start ?? 'primary';
  }

  /** `:nodes` / `:connect ...` as a local command; undefined for any other line. */
  command(argv: Buffer[]): LocalCommand | undefined {
    const name = word(argv);
    if (name !== ':nodes' && name !== ':connect') return undefined;
    return {
      run: async () => {
        if (!this.group) this.io.write(`${name} needs an ElastiCache group: start eredis with -g NAME\n`);
        else if (name === ':nodes') await this.nodes(this.group);
        else if (argv.length !== 2) this.io.write('usage: :connect primary|reader|MEMBER-ID\n');
        else await this.connect(this.group, roleOf(argv[1]!.toString('utf8')));
        return 'continue';
      },
    };
  }

  /** Member ids for TAB after `:connect `: those already known now, and a lookup when none are. */
  knownMembers(): string[] {
    return this.memberIds ?? [];
  }

  lookupMembers(): Promise<string[]> | undefined {
    if (!this.group || this.memberIds) return undefined;
    return this.group.nodes().then((l) => this.remember(l), () => []);
  }

  private remember(l: NodeListing): string[] {
    if (l.kind !== 'serverless') this.memberIds = l.nodes.map((n) => n.id);
    return this.knownMembers();
  }

  private async nodes(group: ShellGroup): Promise<void> {
    let listing: NodeListing;
    try {
      listing = await group.nodes();
    } catch (err) {
      return this.io.warn(eredisLine(err));
    }
    this.remember(listing);
    const at = this.session.endpoint;
    const place = { host: at.host, port: at.port, via: this.where };
    const table = `${renderMemberTable(listing, place, { color: this.io.color })}\n`;
    this.io.write(Buffer.from(table, 'utf8').toString('latin1')); // write() takes bytes; the borders are UTF-8
  }

  /** Resolves the role, then moves the session there; on any failure it stays (or gets back) where it was. */
  private async connect(group: ShellGroup, role: CacheRole): Promise<void> {
    let hp: HostPort;
    try {
      hp = await group.locate(role);
    } catch (err) {
      return this.io.warn(eredisLine(err)); // the API's words
    }
    const before = this.session.address;
    try {
      // After a failover the primary moves; a replica or member is where it was asked to be.
      await this.session.moveTo(hp.host, hp.port, { failover: role === 'primary' });
    } catch (err) {
      if (err instanceof TunnelError) return this.io.warn(eredisLine(err)); // the --via-map entry to add
      this.io.warn(connectFailure(this.session, err));
      await this.session.returnTo(before);
      return;
    }
    this.where = role;
  }
}
