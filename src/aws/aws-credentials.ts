// AWS credentials for the ElastiCache API, chosen from the env we are given (the SDK alone would read process.env).
import type { AwsSettings, Env } from './aws-settings.js';
import { cjsNamespace } from '../util/cjs-namespace.js';

type Providers = typeof import('@aws-sdk/credential-providers');
export type CredentialProvider = ReturnType<Providers['fromIni']>;


interface ChainError {
  name?: string;
  message?: string;
  tryNextLink?: boolean;
}

/** Tries each link in order like the SDK's chain: a link that says `tryNextLink: false` (expired SSO) stops it. */
function chain(links: CredentialProvider[]): CredentialProvider {
  return async (props) => {
    let last: unknown;
    for (const link of links) {
      try {
        return await link(props);
      } catch (err) {
        last = err;
        if ((err as ChainError).tryNextLink === false) throw err;
      }
    }
    throw Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
      cause: last,
    });
  };
}

/**
 * The SDK's default chain, decided by `env` rather than process.env:
 * - a profile (--profile / AWS_PROFILE) -> that profile only (static, SSO, credential_process, assume-role);
 * - else AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) from env;
 * - else the default profile, web identity, container credentials, then EC2 instance metadata
 *   (skipped when AWS_EC2_METADATA_DISABLED is set).
 */
export async function credentialProvider(s: AwsSettings, env: Env): Promise<CredentialProvider> {
  const keyId = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (!s.profile && keyId && secret) {
    const creds = { accessKeyId: keyId, secretAccessKey: secret, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    return async () => creds;
  }
  const cp = cjsNamespace<Providers>(await import('@aws-sdk/credential-providers'), 'fromIni');
  const files = { filepath: s.credentialsFile, configFilepath: s.configFile };
  if (s.profile) return cp.fromIni({ profile: s.profile, ...files });

  const links: CredentialProvider[] = [cp.fromIni({ profile: 'default', ...files })];
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    links.push(cp.fromTokenFile({
      webIdentityTokenFile: env.AWS_WEB_IDENTITY_TOKEN_FILE,
      roleArn: env.AWS_ROLE_ARN,
      roleSessionName: env.AWS_ROLE_SESSION_NAME,
    }));
  }
  const remote = { timeout: 1000, maxRetries: 0 };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    // These two read the container variables themselves; main passes process.env, so they agree.
    links.push(cp.fromHttp({}), cp.fromContainerMetadata(remote));
  } else if (!s.metadataDisabled) {
    links.push(cp.fromInstanceMetadata(remote));
  }
  return chain(links);
}
