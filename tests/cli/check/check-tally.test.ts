import { describe, expect, it } from 'vitest';
import { CheckTally } from '../../../src/cli/check/check-tally.js';

describe('CheckTally', () => {
  it('counts the batches workers checked, and shows them in the same progress line as records checked one by one', () => {
    let clock = 0;
    let stderr = '';
    const io = { stdout: () => {}, stderr: (text: string) => (stderr += text), readStdin: async () => '', env: {}, stdoutIsTty: false, cwd: '.', stderrIsTty: true };
    const tally = new CheckTally(io, 'en', () => clock);
    clock = 1_500;
    tally.add({ records: 3_000, allowed: 2_000, blocked: 500, review: 300, invalid: 200 });
    expect(stderr).toBe('\r\u001b[K3,000 records, 2,000 records/s');
    tally.add({ records: 10, allowed: 0, blocked: 0, review: 0, invalid: 10 });
    expect(tally.summary).toEqual({ records: 3_010, allowed: 2_000, blocked: 500, review: 300, invalid: 210 });
    tally.problem({ kind: 'error', source: { file: 'feed.ndjson', index: 4, line: 9 }, message: 'not valid JSON' });
    tally.problem({ kind: 'error', source: { file: 'empty.ndjson', index: 0 }, message: 'the input is empty: no records', fatal: true });
    expect(tally.unread).toBe(2);
    tally.done();
    expect(stderr).toBe('\r\u001b[K3,000 records, 2,000 records/s' + 'feed.ndjson:9: not valid JSON\n' + 'empty.ndjson: the input is empty: no records\n' + '\r\u001b[K');
  });
});
