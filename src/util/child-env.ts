// The environment eredis's child processes get (the pager now, tunnels too): the user's, minus every secret in it.

/** Variables that hold a secret by name: AUTH tokens and AWS keys. */
const SECRET_NAMES = new Set([
  'REDISCLI_AUTH', 'VALKEYCLI_AUTH', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN',
]);

/** Names that say they hold one ("..._PASSWORD", "..._SECRET", "..._TOKEN"); SSH_AUTH_SOCK and the like stay. */
const SECRET_SUFFIX = /(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|SECRET_ACCESS_KEY)$/i;

export function withoutSecrets(env: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !SECRET_NAMES.has(name.toUpperCase()) && !SECRET_SUFFIX.test(name)) kept[name] = value;
  }
  return kept;
}
