// A loopback stand-in for the Secrets Manager JSON API (awsJson1_1, GetSecretValue) that the real AWS SDK talks to.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stored secret: its SecretString, binary data, or the error the API answers with. */
export type StoredSecret = string | { binary: Buffer } | { error: string; message?: string; status?: number };

export interface SeenRequest {
  target: string;
  secretId?: string;
  contentType?: string;
  /** From the SigV4 Authorization header's credential scope. */
  accessKeyId?: string;
  region?: string;
  service?: string;
}

export interface SecretsManagerApi {
  /** Base URL for AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const ACCOUNT = '123456789012';

/** The secret name an id refers to: the id itself, or the name inside a secret ARN (with its 6-char suffix). */
function nameOf(id: string): string {
  const m = /^arn:aws[\w-]*:secretsmanager:[^:]+:\d+:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(id);
  return m ? m[1] : id;
}

function send(res: http.ServerResponse, status: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'stand-in-0001' };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function fail(res: http.ServerResponse, status: number, type: string, message: string): void {
  send(res, status, { __type: type, message }, type);
}

export async function startSecretsManagerApi(secrets: Record<string, StoredSecret>): Promise<SecretsManagerApi> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const auth = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
      const seen: SeenRequest = {
        target: String(req.headers['x-amz-target'] ?? ''),
        contentType: req.headers['content-type'],
        accessKeyId: auth?.[1],
        region: auth?.[2],
        service: auth?.[3],
      };
      requests.push(seen);
      if (req.method !== 'POST' || !auth) return fail(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      if (seen.target !== 'secretsmanager.GetSecretValue') return fail(res, 400, 'UnknownOperationException', `unknown operation ${seen.target}`);
      let body: { SecretId?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId?: unknown };
      } catch {
        return fail(res, 400, 'SerializationException', 'bad JSON');
      }
      if (typeof body.SecretId !== 'string') return fail(res, 400, 'ValidationException', 'SecretId is required');
      seen.secretId = body.SecretId;
      const name = nameOf(body.SecretId);
      const stored = secrets[name];
      if (stored === undefined) {
        return fail(res, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      }
      if (typeof stored === 'object' && 'error' in stored) {
        return fail(res, stored.status ?? 400, stored.error, stored.message ?? `${stored.error} for ${name}`);
      }
      const value = typeof stored === 'string' ? { SecretString: stored } : { SecretBinary: stored.binary.toString('base64') };
      send(res, 200, {
        ARN: `arn:aws:secretsmanager:${seen.region}:${ACCOUNT}:secret:${name}-AbCdEf`,
        Name: name,
        VersionId: '00000000-0000-4000-8000-000000000001',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1767323045.0,
        ...value,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
