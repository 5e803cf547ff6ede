import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream & { isTTY: boolean } };
}

describe('createProgressBar', () => {
  it('draws on a TTY and ends with a newline', () => {
    const { chunks, stream } = fakeStream(true);
    const bar = createProgressBar({ stream, label: 'gates', total: 4, widthChars: 4 });
    bar.update(2);
    bar.finish();
    expect(chunks.join('')).toContain('gates ██░░ 2/4');
    expect(chunks.join('')).toContain('4/4');
    expect(chunks.at(-1)).toBe('\n');
  });

  it('writes nothing when the stream is not a TTY (pipes and --json stay clean)', () => {
    const { chunks, stream } = fakeStream(false);
    const bar = createProgressBar({ stream, label: 'gates', total: 4 });
    bar.update(1);
    bar.finish();
    expect(chunks).toEqual([]);
  });
});
