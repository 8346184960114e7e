// AWS profile/region/endpoint worked out from flags and the given env only, and the AWS config file reader.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsSettings, iniValue } from '../../src/aws/aws-settings.js';

let dir: string;
let config: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eredis-aws-settings-'));
  config = join(dir, 'config');
  writeFileSync(config, [
    '# comment', '[default]', 'region = us-west-2', '', '[profile dev]', 'region=ap-northeast-1',
    's3 =', '  region = not-this-one', '[profile  spaced ]', 'output = json', '  region = nested-only', '[bare]', 'region = eu-north-1',
  ].join('\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('iniValue', () => {
  it('reads [default], [profile NAME] and [NAME] sections, ignoring nested sub-settings', () => {
    expect(iniValue(config, 'default', 'region')).toBe('us-west-2');
    expect(iniValue(config, 'dev', 'region')).toBe('ap-northeast-1');
    expect(iniValue(config, 'bare', 'region')).toBe('eu-north-1');
    expect(iniValue(config, 'spaced', 'region')).toBeUndefined();
    expect(iniValue(config, 'missing', 'region')).toBeUndefined();
    expect(iniValue(join(dir, 'nope'), 'default', 'region')).toBeUndefined();
  });
});

describe('awsSettings', () => {

  it('region: the merged one (settings), else the profile\'s in the AWS config file; the environment is not read again', () => {
    const env = { HOME: dir, AWS_CONFIG_FILE: config };
    expect(awsSettings({ region: 'sa-east-1' }, { ...env, AWS_REGION: 'us-east-2' }).region).toBe('sa-east-1');
    expect(awsSettings({}, { ...env, AWS_REGION: 'us-east-2' }).region).toBe('us-west-2');
    expect(awsSettings({}, env).region).toBe('us-west-2');
    expect(awsSettings({ profile: 'dev' }, env).region).toBe('ap-northeast-1');
    expect(awsSettings({ region: ' ', profile: 'dev' }, env).region).toBe('ap-northeast-1');
    expect(awsSettings({}, { HOME: dir }).region).toBeUndefined();
  });

  it('profile: the merged one; blank values count as unset, AWS_PROFILE is not read again', () => {
    expect(awsSettings({ profile: 'a' }, { AWS_PROFILE: 'b' }).profile).toBe('a');
    expect(awsSettings({}, { AWS_PROFILE: 'b' }).profile).toBeUndefined();
    expect(awsSettings({ profile: ' ' }, {}).profile).toBeUndefined();
  });

  it('endpoint: the service-specific variable, then the global one, unless told to ignore them', () => {
    expect(awsSettings({}, { AWS_ENDPOINT_URL_ELASTICACHE: 'http://a', AWS_ENDPOINT_URL: 'http://b' }).endpointUrl).toBe('http://a');
    expect(awsSettings({}, { AWS_ENDPOINT_URL: 'http://b' }).endpointUrl).toBe('http://b');
    expect(awsSettings({}, { AWS_ENDPOINT_URL: 'http://b', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpointUrl).toBeUndefined();
  });

  it('files default under HOME; instance metadata off unless the variable is "false"', () => {
    const s = awsSettings({}, { HOME: '/home/u' });
    expect([s.configFile, s.credentialsFile, s.metadataDisabled]).toEqual(['/home/u/.aws/config', '/home/u/.aws/credentials', false]);
    expect(awsSettings({}, { AWS_EC2_METADATA_DISABLED: 'true' }).metadataDisabled).toBe(true);
    expect(awsSettings({}, { AWS_EC2_METADATA_DISABLED: 'false' }).metadataDisabled).toBe(false);
  });
});
