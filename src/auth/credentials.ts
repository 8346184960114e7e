// The credential source chain after the flags: REDISCLI_AUTH, keychain, Secrets Manager, IAM token, then a prompt.
import { accountName, getSecret, KeychainUnavailable, setSecret } from './keychain.js';
import { iamRefresher, type AwsCredentialsInput, type IamRefresher } from './iam.js';
import { fetchSecret, type Env, type FetchedSecret, type SecretInput } from './secrets-manager.js';
import { awsSettings } from '../aws/aws-settings.js';
import { credentialProvider } from '../aws/aws-credentials.js';

export type CredentialSource = 'flag' | 'env' | 'keychain' | 'secrets-manager' | 'iam' | 'prompt' | 'none';

export interface IamOptions {
  /** Replication group id or serverless cache name. */
  cacheName?: string;
  serverless: boolean;
  region?: string;
}

export interface CredentialInput {
  /** -a/--pass/-u password or --askpass answer, already resolved by main. */
  flagPassword?: string;
  /** --user (or the URI's user). */
  user?: string;
  /** Keychain target: group/serverless name or host:port; undefined skips the keychain. */
  target?: string;
  secretId?: string;
  region?: string;
  profile?: string;
  /** Present when --iam was given. */
  iam?: IamOptions;
  /** Only REDISCLI_AUTH and AWS_* are read from it. */
  env: Env;
  /** The server wants AUTH (NOAUTH seen, or ElastiCache says so): allows the interactive prompt. */
  authRequired: boolean;
  isTTY: boolean;
  /** The terminal prompts (ui/prompts); without them no password is asked for. */
  prompt?: (message: string) => Promise<string | undefined>;
  confirm?: (message: string) => Promise<boolean>;
  // Injected for tests; the defaults are the real keychain, SDK and signer.
  keychainGet?: (target: string, user?: string) => Promise<string | undefined | KeychainUnavailable>;
  keychainSet?: (target: string, user: string | undefined, secret: string) => Promise<undefined | KeychainUnavailable>;
  fetchSecret?: (input: SecretInput) => Promise<FetchedSecret>;
  awsCredentials?: (env: Env, profile?: string) => Promise<AwsCredentialsInput>;
  clock?: () => number;
}

export interface ResolvedCredentials {
  user?: string;
  password?: string;
  source: CredentialSource;
  /** For IAM: fresh tokens for reconnects and re-AUTH before 12 h or after WRONGPASS. */
  iam?: IamRefresher;
  /** Lines for stderr (never a secret), e.g. the keychain being unavailable when it mattered. */
  notes: string[];
  /** After a prompted password worked: asks to save it and returns the line to print, if any. */
  offerSave?: () => Promise<string | undefined>;
  /** The prompt was cancelled (Ctrl-C): the caller exits 1. */
  cancelled?: boolean;
}

/** A problem with an explicitly requested source; the message is one line and names no secret. */
export class CredentialsError extends Error {}

export async function resolveCredentials(input: CredentialInput): Promise<ResolvedCredentials> {
  const { user, env } = input;
  const notes: string[] = [];
  const done = (source: CredentialSource, password: string, who = user): ResolvedCredentials => {
    const shadowed = [input.secretId && source !== 'secrets-manager' && '--secret-id', input.iam && source !== 'iam' && '--iam'].filter(Boolean);
    if (shadowed.length > 0 && source !== 'flag') notes.push(`eredis: using the password from ${SOURCE_WORDS[source]}; ${shadowed.join(' and ')} not used`);
    return { user: who, password, source, notes };
  };

  if (input.flagPassword !== undefined) return done('flag', input.flagPassword);
  if (env.REDISCLI_AUTH) return done('env', env.REDISCLI_AUTH);

  let keychainDown: KeychainUnavailable | undefined;
  if (input.target !== undefined) {
    const found = await (input.keychainGet ?? getSecret)(input.target, user);
    if (found instanceof KeychainUnavailable) keychainDown = found;
    else if (found !== undefined) return done('keychain', found);
  }

  if (input.secretId) {
    const secret = await (input.fetchSecret ?? fetchSecret)({ secretId: input.secretId, region: input.region, profile: input.profile, env });
    return done('secrets-manager', secret.password, user ?? secret.username);
  }

  if (input.iam) return { ...(await iamCredentials(input, input.iam)), notes };

  // Only worth a line when a password was really needed; a server without AUTH never hears of the keychain.
  if (keychainDown && input.authRequired) notes.push(keychainDown.line);
  if (!input.authRequired) return { user, source: 'none', notes };
  if (!input.isTTY || !input.prompt) {
    const target = input.target ?? 'this server';
    notes.push(`eredis: ${target} needs AUTH and no password was found: store one with \`eredis auth set ${target}\`, or set REDISCLI_AUTH`);
    return { user, source: 'none', notes };
  }

  const account = input.target !== undefined ? accountName(input.target, user) : undefined;
  const label = user ? `Password for ${account ?? user}` : `AUTH token${account ? ` for ${account}` : ''}`;
  const typed = await input.prompt(label);
  if (typed === undefined) return { user, source: 'none', notes, cancelled: true };
  if (typed === '') return { user, source: 'none', notes };
  const result: ResolvedCredentials = { user, password: typed, source: 'prompt', notes };
  if (input.target !== undefined && !keychainDown) {
    const target = input.target;
    result.offerSave = async () => {
      if (!(await input.confirm?.(`Save it in the keychain for ${account}?`))) return undefined;
      const saved = await (input.keychainSet ?? setSecret)(target, user, typed);
      return saved instanceof KeychainUnavailable ? saved.line : `Saved the AUTH token for ${account} in the keychain.`;
    };
  }
  return result;
}

const SOURCE_WORDS: Record<CredentialSource, string> = {
  flag: 'the command line',
  env: 'REDISCLI_AUTH',
  keychain: 'the keychain',
  'secrets-manager': 'Secrets Manager',
  iam: 'IAM',
  prompt: 'the prompt',
  none: 'nowhere',
};

async function iamCredentials(input: CredentialInput, iam: IamOptions): Promise<Omit<ResolvedCredentials, 'notes'>> {
  if (!input.user) throw new CredentialsError('eredis: --iam needs --user (the ElastiCache user id)');
  if (!iam.cacheName) throw new CredentialsError('eredis: --iam needs an ElastiCache replication group or serverless cache name');
  const settings = awsSettings({ region: input.region, profile: input.profile }, input.env);
  const region = iam.region ?? settings.region;
  if (!region) throw new CredentialsError('eredis: --iam needs an AWS region (--region or AWS_REGION)');
  const credentials = input.awsCredentials ? await input.awsCredentials(input.env, input.profile) : await credentialProvider(settings, input.env);
  const refresher = iamRefresher({ cacheName: iam.cacheName, userId: input.user, region, serverless: iam.serverless, credentials }, input.clock);
  let token: string;
  try {
    token = await refresher.freshToken();
  } catch (err) {
    const name = (err as Error).name;
    const why = name === 'CredentialsProviderError' ? 'no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)' : (err as Error).message.split('\n')[0];
    throw new CredentialsError(`eredis: IAM auth token: ${why}`);
  }
  return { user: input.user, password: token, source: 'iam', iam: refresher };
}
