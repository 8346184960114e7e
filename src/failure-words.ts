// The one line a failure that reached main prints: already-worded errors as they are, others in redis-cli's words.
import { UsageError } from './cli/args.js';
import { UriError } from './cli/redis-uri.js';
import { ViaError } from './settings/via.js';
import { ChooseCacheError } from './ui/choose-cache.js';
import { ConnectError } from './util/connection-errors.js';
import { TlsConfigError } from './net/tls.js';

export function describeFailure(e: unknown): string {
  if (e instanceof TlsConfigError) return `Could not negotiate a TLS connection: ${e.message}`;
  if (e instanceof ConnectError) return `Could not connect to Redis: ${e.message}`;
  // AWS, credential and keychain errors are written as finished lines starting with "eredis: ".
  if (e instanceof UsageError || e instanceof UriError || e instanceof ViaError || e instanceof ChooseCacheError) return e.message;
  if (e instanceof Error && e.message.startsWith('eredis: ')) return e.message;
  return `eredis: ${e instanceof Error ? e.message : String(e)}`;
}
