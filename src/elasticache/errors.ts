// AWS SDK / credential / network failures -> one clear `eredis: ...` line (ElastiCacheError), never a stack trace.

export type ElastiCacheErrorReason =
  | 'not-found' | 'no-node' | 'unavailable' | 'no-region' | 'no-credentials' | 'credentials-rejected'
  | 'access-denied' | 'throttled' | 'network' | 'api';

/** The message is the single line to print on stderr (no trailing newline). */
export class ElastiCacheError extends Error {
  override name = 'ElastiCacheError';
  constructor(message: string, readonly reason: ElastiCacheErrorReason) {
    super(message);
  }
}

export function noRegionError(): ElastiCacheError {
  return new ElastiCacheError('eredis: no AWS region: pass --region or set AWS_REGION', 'no-region');
}

export function notFoundError(name: string, region: string): ElastiCacheError {
  return new ElastiCacheError(`eredis: no replication group or serverless cache named '${name}' in ${region}`, 'not-found');
}

/** What the mapper needs to word the line: which API call failed, where, as whom. */
export interface ErrorContext {
  action: string;
  region?: string;
  profile?: string;
  endpoint?: string;
}

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  tryNextLink?: boolean;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded',
  'TooManyRequestsException', 'RequestThrottled', 'RequestThrottledException', 'SlowDown']);
const REJECTED = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch',
  'IncompleteSignature', 'AuthFailure', 'InvalidAccessKeyId', 'MissingAuthenticationToken']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH',
  'ENETUNREACH', 'EPIPE', 'TimeoutError', 'RequestTimeout', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function loginHint(profile?: string): string {
  return profile ? `aws sso login --profile ${profile}` : 'aws sso login';
}

/** Maps anything thrown while calling ElastiCache (or resolving credentials for it) to an ElastiCacheError. */
export function mapAwsError(err: unknown, ctx: ErrorContext): ElastiCacheError {
  if (err instanceof ElastiCacheError) return err;
  const e = (err ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const message = oneLine(e.message ?? String(err));
  const where = ctx.endpoint ?? (ctx.region ? `elasticache.${ctx.region}.amazonaws.com` : 'the ElastiCache API');

  if (/Region is missing|Missing Region/i.test(message)) return noRegionError();
  if (/Region not accepted/i.test(message)) {
    return new ElastiCacheError(`eredis: invalid AWS region '${ctx.region ?? ''}'`, 'no-region');
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(message)) {
    if (/\bsso\b/i.test(message) || /token.*(expired|invalid)/i.test(message)) {
      return new ElastiCacheError(`eredis: AWS SSO session expired or missing: run ${loginHint(ctx.profile)}`, 'no-credentials');
    }
    if (ctx.profile && /profile/i.test(message) && /could not (be found|resolve)|not found/i.test(message)) {
      return new ElastiCacheError(`eredis: AWS profile '${ctx.profile}' not found in the AWS config or credentials file`, 'no-credentials');
    }
    return new ElastiCacheError(
      'eredis: no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run aws sso login)',
      'no-credentials');
  }
  if (DENIED.has(name) || DENIED.has(code)) {
    // AWS says "User: arn:aws:iam::1:user/bob is not authorized to perform: elasticache:Describe..."; keep who.
    const who = /User: (\S+) is not authorized/.exec(message)?.[1] ?? 'your AWS identity';
    return new ElastiCacheError(`eredis: access denied: ${who} needs elasticache:${ctx.action}`, 'access-denied');
  }
  if (EXPIRED.has(name) || EXPIRED.has(code)) {
    return new ElastiCacheError(`eredis: AWS credentials expired (${name || code}): refresh them, e.g. ${loginHint(ctx.profile)}`,
      'credentials-rejected');
  }
  if (REJECTED.has(name) || REJECTED.has(code)) {
    return new ElastiCacheError(
      `eredis: AWS rejected the credentials (${name || code}): check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile`,
      'credentials-rejected');
  }
  if (THROTTLING.has(name) || THROTTLING.has(code)) {
    return new ElastiCacheError(`eredis: AWS throttled elasticache:${ctx.action} (${name || code}): try again in a moment`,
      'throttled');
  }
  if (NETWORK.has(code) || NETWORK.has(name) || /socket hang up|timed? ?out/i.test(message)) {
    return new ElastiCacheError(`eredis: cannot reach ${where}: ${code || name || message}`, 'network');
  }
  const status = e.$metadata?.httpStatusCode;
  const label = name && name !== 'Error' ? `${name}: ` : '';
  return new ElastiCacheError(`eredis: elasticache:${ctx.action} failed${status ? ` (HTTP ${status})` : ''}: ${label}${message}`,
    'api');
}
