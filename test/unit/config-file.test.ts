// The per-target config file: INI sections keyed by target, known keys only, problems reported and skipped.
import { describe, expect, it } from 'vitest';
import { configPath, parseConfig } from '../../src/settings/config-file.js';

describe('config file', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/eredis/config');
    expect(configPath({ HOME: '/home/me' })).toBe('/home/me/.config/eredis/config');
  });

  it('reads sections by target, case-insensitively, and reports what it ignores', () => {
    const warned: string[] = [];
    const text = '# eredis\n[SSLtest]\nsecret-id = prod/ssltest\nuser=app\n\n[cache.example.com:6380]\niam = true\ncolour = blue\n';
    const sections = parseConfig(text, (l) => warned.push(l), 'cfg');
    expect(sections.get('ssltest')).toEqual({ 'secret-id': 'prod/ssltest', user: 'app' });
    expect(sections.get('cache.example.com:6380')).toEqual({ iam: 'true' });
    expect(warned).toEqual(['eredis: cfg:8: ignored (expected [target] then one of: secret-id, user, iam, region, profile, tls-verify, pager, reply-timeout)']);
  });
});
