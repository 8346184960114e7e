// Why a command got no reply, shared by net/ (which raises them) and every mode (which words them for the user).
import { formatAddress } from './host-port.js';

/** A connection could not be opened: the message is what follows "Could not connect to Redis at HOST:PORT: ". */
export class ConnectError extends Error {}

/** The connection went away or broke while replies were pending: printed as "Error: <message>". */
export class ConnectionLostError extends Error {
  constructor(message: string, readonly protocol = false) { super(message); }
}

/** A node --via's tunnels do not reach (no --via-map entry): eredis never connects around the tunnel. */
export class TunnelError extends ConnectError {
  constructor(readonly host: string, readonly port: number) {
    super(`${formatAddress(host, port)} is only reachable through a tunnel: add --via-map ${formatAddress(host, port)}=127.0.0.1:LOCALPORT for a port forward to it`);
  }
}

/** A command that was never sent (its node could not be reached, or no node took over): the whole line to print. */
export class NotSentError extends Error {}
