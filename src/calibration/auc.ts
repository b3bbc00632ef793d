// Area under the ROC curve: the probability that a random won lead scores above a random
// not-won lead (ties count half), computed from ranks (Mann-Whitney U) in O(n log n).

/** AUC of `scores` against labels `won` (same length); null without both classes. */
export function auc(scores: ArrayLike<number>, won: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1; // ranks are 1-based; ties share their mean rank
    for (let t = i; t <= j; t++) {
      if (won[order[t]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Deterministic holdout: about `share` of the leads, chosen by a hash of the lead id (FNV-1a), so a rerun splits the same way. */
export function inHoldout(leadId: string, share: number): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < leadId.length; i++) {
    h ^= leadId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32): sequential ids must not land in runs.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < share;
}
