// What child processes may see of the environment: everything but secrets.
import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../src/util/child-env.js';

describe('withoutSecrets', () => {
  it('drops AUTH tokens, AWS keys and anything named like a password, secret or token', () => {
    const env = {
      REDISCLI_AUTH: 'a', VALKEYCLI_AUTH: 'b', AWS_SECRET_ACCESS_KEY: 'c', AWS_SESSION_TOKEN: 'd', AWS_SECURITY_TOKEN: 'e',
      DB_PASSWORD: 'f', GITHUB_TOKEN: 'g', client_secret: 'h',
      PATH: '/bin', HOME: '/home/me', TERM: 'xterm', LESS: '-R', SSH_AUTH_SOCK: '/tmp/agent', AWS_ACCESS_KEY_ID: 'AKID',
      AWS_REGION: 'eu-west-1', AWS_PROFILE: 'prod', EMPTY: undefined,
    };
    expect(withoutSecrets(env)).toEqual({
      PATH: '/bin', HOME: '/home/me', TERM: 'xterm', LESS: '-R', SSH_AUTH_SOCK: '/tmp/agent', AWS_ACCESS_KEY_ID: 'AKID',
      AWS_REGION: 'eu-west-1', AWS_PROFILE: 'prod',
    });
  });
});
