// ElastiCache IAM auth token (SigV4 query presign of Action=connect) and a refresher for long-lived sessions.
import { cjsNamespace } from '../util/cjs-namespace.js';

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Static keys or a provider (e.g. fromNodeProviderChain(), which memoizes and refreshes temporary ones). */
export type AwsCredentialsInput = AwsKeys | (() => Promise<AwsKeys>);

export interface IamTokenInput {
  /** Replication group id or serverless cache name (not the endpoint host); lowercased here. */
  cacheName: string;
  /** The ElastiCache user id, which for IAM users is also the user name sent with AUTH. */
  userId: string;
  region: string;
  serverless: boolean;
  credentials: AwsCredentialsInput;
  /** Signing time; defaults to the current time. */
  now?: Date;
}

/** ElastiCache accepts a token for 15 minutes after it is signed. */
const IAM_TOKEN_TTL_SECONDS = 900;
/** Connections authenticated by IAM are dropped after 12 h without a fresh AUTH; re-AUTH comfortably before. */
export const IAM_REAUTH_AFTER_MS = 11 * 60 * 60 * 1000;

// RFC 3986, as the server re-encodes the query when it checks the signature.
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `<cache>/?Action=connect&User=...&X-Amz-...&X-Amz-Signature=...`, to send as `AUTH <userId> <token>`. */
export async function iamAuthToken(input: IamTokenInput): Promise<string> {
  const [{ SignatureV4 }, { HttpRequest }, { Hash }] = await Promise.all([
    import('@smithy/signature-v4').then((m) => cjsNamespace(m, 'SignatureV4')),
    import('@smithy/protocol-http').then((m) => cjsNamespace(m, 'HttpRequest')),
    import('@smithy/hash-node').then((m) => cjsNamespace(m, 'Hash')),
  ]);
  const host = input.cacheName.toLowerCase();
  const query: Record<string, string> = { Action: 'connect', User: input.userId };
  if (input.serverless) query.ResourceType = 'ServerlessCache';
  const signer = new SignatureV4({
    service: 'elasticache',
    region: input.region,
    credentials: input.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const request = new HttpRequest({ method: 'GET', protocol: 'http:', hostname: host, path: '/', query, headers: { host } });
  const signed = await signer.presign(request, { expiresIn: IAM_TOKEN_TTL_SECONDS, signingDate: input.now ?? new Date() });
  const pairs = Object.entries(signed.query ?? {}).map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v))}`);
  return `${host}/?${pairs.join('&')}`;
}

/**
 * What a session needs to keep IAM-authenticated connections alive, each connection on its own clock:
 * - before every (re)connect: `AUTH user await freshToken()` (a token is only valid 15 min, so never reuse one),
 *   and the connection keeps `stamp()` of when that succeeded;
 * - before a command, when `due(stamp)` and the connection is not inside MULTI: AUTH again with a fresh token;
 * - on `WRONGPASS` / `NOAUTH` for a command on a connection that was fine: re-AUTH once with a fresh token and retry
 *   the command once (a stale token after long idle, graphql-hive/gateway#2328).
 */
export interface IamRefresher {
  readonly user: string;
  freshToken(): Promise<string>;
  /** The clock now: what a connection records when its AUTH succeeded. */
  stamp(): number;
  /** Whether a connection that authenticated at `stamp` must do it again before its next command. */
  due(stamp: number): boolean;
}

export function iamRefresher(input: Omit<IamTokenInput, 'now'>, clock: () => number = Date.now): IamRefresher {
  return {
    user: input.userId,
    freshToken: () => iamAuthToken({ ...input, now: new Date(clock()) }),
    stamp: clock,
    due: (stamp) => clock() - stamp >= IAM_REAUTH_AFTER_MS,
  };
}
