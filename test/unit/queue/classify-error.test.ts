import { describe, it, expect } from '@jest/globals';
import { classifyError, isNetworkError } from '../../../src/queue/classify-error.ts';
import { CrmError } from '../../../src/errors.ts';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('classifyError', () => {
  it.each([
    ['burst 429', new CrmError('x', { status: 429, retryable: true, rateLimit: 'burst', retryAfterMs: 1_500 }), { kind: 'rate_limit', policy: 'burst', retryAfterMs: 1_500, status: 429 }],
    ['daily 429', new CrmError('x', { status: 429, retryable: true, rateLimit: 'daily' }), { kind: 'rate_limit', policy: 'daily', retryAfterMs: undefined, status: 429 }],
    ['unlabelled 429', new CrmError('x', { status: 429, retryable: false }), { kind: 'rate_limit', policy: 'burst', retryAfterMs: undefined, status: 429 }],
    ['503', new CrmError('x', { status: 503, retryable: true }), { kind: 'retryable', retryAfterMs: undefined, status: 503 }],
    ['477 with Retry-After', new CrmError('x', { status: 477, retryable: true, retryAfterMs: 30_000 }), { kind: 'retryable', retryAfterMs: 30_000, status: 477 }],
    ['400', new CrmError('x', { status: 400, retryable: false }), { kind: 'fatal', status: 400 }],
    ['fetch failed', new TypeError('fetch failed'), { kind: 'retryable', retryAfterMs: undefined, status: undefined }],
    ['plain Error', new Error('bug'), { kind: 'fatal', status: undefined }],
    ['a string', 'oops', { kind: 'fatal', status: undefined }],
  ])('%s', (_name, err, expected) => {
    expect(classifyError(err)).toEqual(expected);
  });
});

describe('isNetworkError', () => {
  it.each([
    ['ECONNRESET', withCode('ECONNRESET'), true],
    ['ECONNREFUSED', withCode('ECONNREFUSED'), true],
    ['ETIMEDOUT', withCode('ETIMEDOUT'), true],
    ['undici socket error as cause', new TypeError('fetch failed', { cause: withCode('UND_ERR_SOCKET') }), true],
    ['AbortError', new DOMException('aborted', 'AbortError'), true],
    ['TimeoutError', new DOMException('timed out', 'TimeoutError'), true],
    ['wrapped several levels deep', new Error('a', { cause: new Error('b', { cause: withCode('EPIPE') }) }), true],
    ['ENOTFOUND (wrong host: configuration, not transient)', withCode('ENOTFOUND'), false],
    ['TypeError from a bug', new TypeError('x is not a function'), false],
    ['null', null, false],
  ])('%s -> %s', (_name, err, expected) => {
    expect(isNetworkError(err)).toBe(expected);
  });
});
