// Reads an AUTH token or RBAC password from AWS Secrets Manager (lazy SDK), with one-line errors that name no secret.
import { awsSettings, type Env } from '../aws/aws-settings.js';
import { credentialProvider } from '../aws/aws-credentials.js';
import { cjsNamespace } from '../util/cjs-namespace.js';

export type { Env };

export interface SecretInput {
  /** Secret name or ARN. */
  secretId: string;
  /** Settings.aws: already merged from flags, environment and config file. */
  region?: string;
  profile?: string;
  /** The environment to take AWS settings from (main passes its own; nothing here reads the process's). */
  env: Env;
}

export interface FetchedSecret {
  password: string;
  username?: string;
}

/** One line for the user; never contains the secret value. */
export class SecretsManagerError extends Error {}

/** A secret ARN's own region (the secret lives only there), else the merged region (see aws/aws-settings). */
function secretRegion(secretId: string, region: string | undefined): string | undefined {
  return /^arn:aws[\w-]*:secretsmanager:([a-z0-9-]+):/.exec(secretId)?.[1] ?? region;
}

function endpointFrom(env: Env): string | undefined {
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  if (ignore && ignore.toLowerCase() !== 'false') return undefined;
  return env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL || undefined;
}

/** A plain string is the token; a JSON object gives `password` and optionally `username` (the RDS/ElastiCache shape). */
function parseSecretString(secretId: string, text: string): FetchedSecret {
  if (text.trimStart().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // not JSON after all: the whole string is the password
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const { password, username } = parsed as Record<string, unknown>;
      if (typeof password !== 'string' || password === '') {
        throw new SecretsManagerError(`eredis: Secrets Manager: secret ${secretId} is JSON without a "password" string`);
      }
      return typeof username === 'string' && username !== '' ? { password, username } : { password };
    }
  }
  if (text === '') throw new SecretsManagerError(`eredis: Secrets Manager: secret ${secretId} is empty`);
  return { password: text };
}

export async function fetchSecret(input: SecretInput): Promise<FetchedSecret> {
  const { secretId, env } = input;
  const settings = awsSettings({ region: input.region, profile: input.profile }, env);
  const region = secretRegion(secretId, settings.region);
  let secretString: string | undefined;
  try {
    const { SecretsManagerClient, GetSecretValueCommand } = cjsNamespace(await import('@aws-sdk/client-secrets-manager'), 'SecretsManagerClient');
    const client = new SecretsManagerClient({
      region,
      profile: settings.profile,
      credentials: await credentialProvider(settings, env),
      endpoint: endpointFrom(env),
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
    });
    try {
      const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (out.SecretString === undefined) {
        throw new SecretsManagerError(`eredis: Secrets Manager: secret ${secretId} holds binary data, not a string`);
      }
      secretString = out.SecretString;
    } finally {
      client.destroy();
    }
  } catch (err) {
    throw err instanceof SecretsManagerError ? err : describeError(err, secretId, region, settings.profile);
  }
  return parseSecretString(secretId, secretString);
}

function describeError(err: unknown, secretId: string, region: string | undefined, profile: string | undefined): SecretsManagerError {
  const e = err as { name?: string; code?: string; message?: string };
  const where = region ? ` in ${region}` : '';
  const say = (what: string) => new SecretsManagerError(`eredis: Secrets Manager: ${what}`);
  switch (e.name) {
    case 'ResourceNotFoundException':
      return say(`secret ${secretId} not found${where}`);
    case 'AccessDeniedException':
    case 'AccessDenied':
      return say(`access denied to secret ${secretId} (needs secretsmanager:GetSecretValue)`);
    case 'DecryptionFailure':
      return say(`secret ${secretId} could not be decrypted with its KMS key (needs kms:Decrypt)`);
    case 'CredentialsProviderError':
      return say(profile
        ? `no usable AWS credentials for profile ${profile}`
        : 'no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
      return say('the AWS credentials were rejected');
  }
  if (/region is missing/i.test(e.message ?? '')) return say('no AWS region (pass --region or set AWS_REGION)');
  if (e.code && /^E[A-Z]+$/.test(e.code)) return say(`cannot reach the service${where}: ${e.code}`);
  const first = (e.message ?? String(err)).split('\n')[0];
  return say(`${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${first}`);
}
