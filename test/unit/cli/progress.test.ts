// Progress of a long step: a bar with count, percentage, rate and time left on a terminal; plain
// lines, at most one per interval plus the final one, elsewhere. The clock is injected.
import { describe, expect, it } from '@jest/globals';
import { memoryIo } from '../../../src/cli/io.ts';
import { createProgress, progressText } from '../../../src/cli/progress.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('progress', () => {
  it('a terminal gets a bar redrawn in place, with n/total, percent, rate and time left', () => {
    const io = memoryIo({ isTTY: true });
    const c = clock();
    const p = createProgress(io, 'pipedrive: persons written', { total: 300, barWidth: 10, now: c.now });
    p.update(0, 'inbox 300');
    c.advance(10_000);
    p.update(150, 'inbox 12');
    c.advance(10_000);
    p.update(300, 'inbox 0');
    p.done();
    expect(io.err()).toBe(
      '\r\x1b[2Kpipedrive: persons written  [----------]  0/300  0%  inbox 300' +
        '\r\x1b[2Kpipedrive: persons written  [#####-----]  150/300  50%  15/s  ~10 s left  inbox 12' +
        '\r\x1b[2Kpipedrive: persons written  [##########]  300/300  100%  15/s  inbox 0' +
        '\r\x1b[2Kpipedrive: persons written  [##########]  300/300  100%  15/s  inbox 0\n',
    );
  });

  it('elsewhere: the first state at once, then at most one plain line per interval, and the final state', () => {
    const io = memoryIo({ isTTY: false });
    const c = clock();
    const p = createProgress(io, 'processed', { total: 1000, everyMs: 5000, now: c.now });
    p.update(0);
    for (let i = 1; i <= 20; i++) {
      c.advance(1000);
      p.update(i * 40, `${1000 - i * 40} left`);
    }
    p.done('0 failed');
    const lines = io.err().split('\n').filter(Boolean);
    expect(lines).toEqual([
      'processed  0/1000  0%',
      'processed  200/1000  20%  40/s  ~20 s left  800 left',
      'processed  400/1000  40%  40/s  ~15 s left  600 left',
      'processed  600/1000  60%  40/s  ~10 s left  400 left',
      'processed  800/1000  80%  40/s  ~5 s left  200 left',
      'processed  800/1000  80%  40/s  ~5 s left  0 failed',
    ]);
    expect(io.err()).not.toContain('\r');
  });

  it('a terminal is redrawn at most ten times a second, however often a fast loop updates', () => {
    const io = memoryIo({ isTTY: true });
    const c = clock();
    const p = createProgress(io, 'ingest', { total: 1000, now: c.now });
    for (let i = 1; i <= 1000; i++) {
      c.advance(1); // 1000 updates in one second
      p.update(i);
    }
    p.done();
    expect(io.err().split('\r').filter(Boolean)).toHaveLength(11); // 10 redraws + the final line
    expect(io.err()).toMatch(/ingest {2}\[#+\] {2}1000\/1000 {2}100% {2}1000\/s\n$/);
  });

  it('without a total: the count and the rate; nothing printed when nothing happened', () => {
    expect(progressText('queued', 250, 2000, { bar: true })).toBe('queued  250  125/s');
    expect(progressText('queued', 3, 500, { bar: false })).toBe('queued  3');
    expect(progressText('x', 5, 2000, { total: 4, bar: false })).toBe('x  5/4  100%  2.5/s');
    const io = memoryIo({ isTTY: false });
    createProgress(io, 'idle').done();
    expect(io.err()).toBe('');
    // a final state already printed is not printed again
    const once = memoryIo({ isTTY: false });
    const p = createProgress(once, 'written', { total: 2 });
    p.update(2);
    p.done();
    expect(once.err()).toBe('written  2/2  100%\n');
  });
});
