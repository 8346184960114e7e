// The credentials stage: what a session authenticates with, asked for up front only when it is known to be needed.
import type { ConnectionPlan } from '../endpoint/connection-plan.js';
import type { Settings } from '../settings/settings.js';
import type { CredentialInput, ResolvedCredentials } from './credentials.js';

export interface CredentialStageInput {
  settings: Settings;
  plan: ConnectionPlan;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  /** The terminal prompts (ui/prompts), used only when a password must be typed. */
  prompt: CredentialInput['prompt'];
  confirm: CredentialInput['confirm'];
  /** A line for stderr (notes about the chain; never a secret). */
  warn(line: string): void;
  /** The clock an IAM token's age is read from (tests step it forward). */
  clock?: () => number;
}

export interface SessionCredentials {
  first: ResolvedCredentials;
  /** For a server that answers NOAUTH although no password was known: run the chain then (once). */
  onNoAuth?: () => Promise<ResolvedCredentials>;
}

/**
 * -a / -u / --askpass (already in settings.password) or REDISCLI_AUTH, else the chain (keychain, Secrets Manager, IAM,
 * prompt) when the cache needs AUTH or a source was named; otherwise the chain waits for a NOAUTH, so plain
 * connections never pay for the keychain.
 */
export async function sessionCredentials(i: CredentialStageInput): Promise<SessionCredentials> {
  const s = i.settings;
  const chainInput = (authRequired: boolean): CredentialInput => ({
    user: s.user, target: s.credentialTarget, secretId: s.secretId, region: s.aws.region, profile: s.aws.profile,
    iam: s.iam ? { cacheName: i.plan.cache?.name ?? s.group, serverless: i.plan.cache?.kind === 'serverless', region: i.plan.cache?.region } : undefined,
    env: i.env, authRequired, isTTY: i.isTTY, prompt: i.prompt, confirm: i.confirm, clock: i.clock,
  });
  const runChain = async (authRequired: boolean): Promise<ResolvedCredentials> => {
    const { resolveCredentials } = await import('./credentials.js');
    const found = await resolveCredentials(chainInput(authRequired));
    for (const note of found.notes) i.warn(note);
    return found;
  };
  const named = s.secretId !== undefined || s.iam || s.user !== undefined;
  const fromEnv = i.env.REDISCLI_AUTH || undefined;
  const first: ResolvedCredentials = s.password === undefined && (i.plan.authRequired || named)
    ? await runChain(i.plan.authRequired)
    : { user: s.user, password: s.password ?? fromEnv, source: s.password === undefined && fromEnv ? 'env' : 'flag', notes: [] };
  const onNoAuth = first.password === undefined && !first.iam ? () => runChain(true) : undefined;
  return { first, onNoAuth };
}

/** How --verbose names where the password came from. */
export function passwordSourceWords(c: ResolvedCredentials): string {
  return c.source === 'flag' ? 'the command line' : c.source === 'env' ? 'REDISCLI_AUTH' : c.source;
}
