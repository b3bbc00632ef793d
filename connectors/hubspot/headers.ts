// Case-insensitive header lookup over Node-style header maps (Node lower-cases names, but
// tools and tests may not). A repeated header yields its first value.
export type HeaderMap = Record<string, string | string[] | undefined>;

export function getHeader(headers: HeaderMap, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
