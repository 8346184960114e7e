// OS keychain access for AUTH tokens via @napi-rs/keyring: lazily loaded, and every failure becomes KeychainUnavailable.
import { cjsNamespace } from '../util/cjs-namespace.js';

/** Service name of every eredis entry; the account is `TARGET` or `USER@TARGET`. */
const KEYCHAIN_SERVICE = 'eredis';

/** The keychain could not be used; `line` is the one line to show the user (it never contains a secret). */
export class KeychainUnavailable {
  readonly line: string;
  constructor(readonly reason: string) {
    this.line = `eredis: no keychain available (${reason}); use REDISCLI_AUTH, --askpass, --secret-id or --iam instead`;
  }
}

export interface KeychainAccount {
  target: string;
  user?: string;
}

type Keyring = typeof import('@napi-rs/keyring');
let loaded: Promise<Keyring | KeychainUnavailable> | undefined;

function keyring(): Promise<Keyring | KeychainUnavailable> {
  loaded ??= import('@napi-rs/keyring').then(
    (mod) => cjsNamespace<Keyring>(mod, 'Entry'),
    () => new KeychainUnavailable('the @napi-rs/keyring module could not be loaded on this platform'),
  );
  return loaded;
}

// Pin Linux to the Secret Service: the library's default silently falls back to the kernel keyring, which loses
// entries at logout/reboot and which findCredentials() cannot list. Ignored on macOS and Windows.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

/** Targets are case-insensitive (ElastiCache lowercases names, DNS ignores case); user names are not. */
export function accountName(target: string, user?: string): string {
  const t = target.trim().toLowerCase();
  return user ? `${user}@${t}` : t;
}

/** Splits an account at its last '@' (a target never contains one; a user name might). */
export function parseAccount(account: string): KeychainAccount {
  const at = account.lastIndexOf('@');
  return at <= 0 ? { target: account } : { user: account.slice(0, at), target: account.slice(at + 1) };
}

/** Maps a keyring error to the reason shown to the user; never echoes the secret being stored. */
function unavailableFrom(err: unknown, secret?: string): KeychainUnavailable {
  const text = err instanceof Error ? `${err.message} ${err.cause instanceof Error ? err.cause.message : ''}` : String(err);
  if (/DBUS_SESSION_BUS_ADDRESS|Failed to connect|org\.freedesktop\.secrets was not provided|ServiceUnknown|NoServer/i.test(text)) {
    return new KeychainUnavailable('no Secret Service on D-Bus');
  }
  if (/locked|unlock prompt|dismissed|interaction is not allowed/i.test(text)) return new KeychainUnavailable('the keyring is locked');
  if (/no result found/i.test(text)) return new KeychainUnavailable('the Secret Service has no default keyring');
  let first = (err instanceof Error ? err.message : String(err)).split('\n')[0].replace(/^Platform failure: /, '');
  if (secret) first = first.split(secret).join('***');
  return new KeychainUnavailable(`keychain error: ${first}`);
}

async function withEntry<T>(
  target: string,
  user: string | undefined,
  use: (entry: InstanceType<Keyring['AsyncEntry']>) => Promise<T>,
  secret?: string,
): Promise<T | KeychainUnavailable> {
  const mod = await keyring();
  if (mod instanceof KeychainUnavailable) return mod;
  try {
    return await use(new mod.AsyncEntry(KEYCHAIN_SERVICE, accountName(target, user), ENTRY_OPTIONS));
  } catch (err) {
    return unavailableFrom(err, secret);
  }
}

/** The saved secret, undefined when there is none, or KeychainUnavailable. */
export async function getSecret(target: string, user?: string): Promise<string | undefined | KeychainUnavailable> {
  const found = await withEntry(target, user, (e) => e.getPassword());
  return found === null ? undefined : found;
}

/** Saves (or replaces) the secret; undefined on success. */
export async function setSecret(target: string, user: string | undefined, secret: string): Promise<undefined | KeychainUnavailable> {
  const done = await withEntry(target, user, (e) => e.setPassword(secret), secret);
  return done instanceof KeychainUnavailable ? done : undefined;
}

/** true when an entry was deleted, false when there was none. */
export async function deleteSecret(target: string, user?: string): Promise<boolean | KeychainUnavailable> {
  return withEntry(target, user, (e) => e.deleteCredential());
}

/** Every eredis entry's target and user, sorted; the secrets the library returns alongside are dropped here. */
export async function listAccounts(): Promise<KeychainAccount[] | KeychainUnavailable> {
  const mod = await keyring();
  if (mod instanceof KeychainUnavailable) return mod;
  try {
    const found = await mod.findCredentialsAsync(KEYCHAIN_SERVICE);
    const accounts = [...new Set(found.map((c) => c.account))].sort();
    return accounts.map(parseAccount);
  } catch (err) {
    return unavailableFrom(err);
  }
}
