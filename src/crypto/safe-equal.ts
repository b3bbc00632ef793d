// Constant-time string comparison for secrets (webhook passwords, client secrets, JWT
// signatures). Both sides are hashed first so the comparison time does not depend on where
// the strings differ nor leak the expected length (architecture.md house style 3).
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
