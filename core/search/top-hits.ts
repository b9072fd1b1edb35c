// The best few of many scored clips without sorting them all: a two-letter prefix matches
// nearly every clip, and a page shows fifty.

/**
 * The `count` best of `candidates[0..size)` (short ids in ascending order) by `score`, best
 * first; equal scores keep the candidates' order, as a stable sort of all of them would.
 */
export function topByScore(candidates: Uint32Array, size: number, score: Float64Array, count: number): number[] {
  const want = Math.min(count, size);
  if (want <= 0) return [];
  const better = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  if (want * 8 >= size) {
    return Array.from(candidates.subarray(0, size))
      .sort((a, c) => (better(a, c) ? -1 : 1))
      .slice(0, want);
  }
  // A heap of the best seen so far, the worst of them at its root.
  const heap: number[] = [];
  const siftDown = (from: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const worse = right < heap.length && better(heap[left], heap[right]) ? right : left;
      if (!better(heap[at], heap[worse])) return;
      [heap[at], heap[worse]] = [heap[worse], heap[at]];
      at = worse;
    }
  };
  for (let i = 0; i < size; i++) {
    const candidate = candidates[i];
    if (heap.length < want) {
      heap.push(candidate);
      for (let at = heap.length - 1; at > 0;) {
        const parent = (at - 1) >> 1;
        if (!better(heap[parent], heap[at])) break;
        [heap[parent], heap[at]] = [heap[at], heap[parent]];
        at = parent;
      }
    } else if (better(candidate, heap[0])) {
      heap[0] = candidate;
      siftDown(0);
    }
  }
  return heap.sort((a, c) => (better(a, c) ? -1 : 1));
}
