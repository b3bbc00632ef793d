import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { completeLockfile, platformOf } from '../../../scripts/complete-lockfile.ts';

describe('complete-lockfile', () => {
  it.each([
    ['@swc/core-darwin-arm64', { os: 'darwin', cpu: 'arm64' }],
    ['@swc/core-linux-arm-gnueabihf', { os: 'linux', cpu: 'arm', libc: 'glibc' }],
    ['@unrs/resolver-binding-linux-arm-musleabihf', { os: 'linux', cpu: 'arm', libc: 'musl' }],
    ['@swc/core-win32-ia32-msvc', { os: 'win32', cpu: 'ia32' }],
    ['@unrs/resolver-binding-android-arm-eabi', { os: 'android', cpu: 'arm' }],
    ['left-pad', null],
  ])('reads the platform of %s', (name, expected) => {
    expect(platformOf(name)).toEqual(expected);
  });

  it('adds only the missing optional platform entries', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/@swc/core': { version: '1.2.3', dev: true, optionalDependencies: { '@swc/core-linux-x64-gnu': '1.2.3', '@swc/core-darwin-arm64': '1.2.3' } },
        'node_modules/@swc/core-linux-x64-gnu': { version: '1.2.3' },
      },
    };
    expect(completeLockfile(lock)).toEqual(['@swc/core-darwin-arm64']);
    expect(lock.packages['node_modules/@swc/core-darwin-arm64' as keyof typeof lock.packages]).toEqual({ version: '1.2.3', cpu: ['arm64'], dev: true, optional: true, os: ['darwin'] });
  });

  it('the committed package-lock.json is complete (npm ci would refuse it otherwise)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8'));
    expect(completeLockfile(lock)).toEqual([]);
  });
});
