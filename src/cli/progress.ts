// A one-line progress display on stderr when it is a terminal; quiet lines otherwise.
import type { CliIo } from './io.ts';

export function createProgress(io: CliIo, label: string) {
  let last = 0;
  let shown = '';
  return {
    update(n: number, detail = '') {
      shown = `${label}: ${n}${detail ? ` (${detail})` : ''}`;
      if (io.isTTY) io.stderr(`\r\x1b[2K${shown}`);
      else if (Date.now() - last > 5000) {
        io.stderr(`${shown}\n`);
        last = Date.now();
      }
    },
    done() {
      if (io.isTTY && shown) io.stderr(`\r\x1b[2K${shown}\n`);
    },
  };
}
