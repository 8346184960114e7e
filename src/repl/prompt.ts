// The REPL prompt as redis-cli builds it: host:port, [db] when not 0, (TX) inside MULTI, "not connected" when down.
import { formatAddress } from '../util/host-port.js';

export interface PromptState {
  connected: boolean;
  /** The host as the user gave it (redis-cli shows the literal -h string), or a unix socket path. */
  host: string;
  port: number;
  socket?: string;
  db: number;
  inMulti: boolean;
}

/** `127.0.0.1:6379[2](TX)> `, `redis /tmp/redis.sock> ` or `not connected> `. */
export function buildPrompt(s: PromptState): string {
  if (!s.connected) return 'not connected> ';
  let prompt = s.socket ? `redis ${s.socket}` : formatAddress(s.host, s.port);
  if (s.db !== 0) prompt += `[${s.db}]`;
  if (s.inMulti) prompt += '(TX)';
  // redis-cli truncates the prompt to 127 bytes.
  return `${prompt.slice(0, 125)}> `;
}
