/** The PDF renderer without its fonts: a French error naming the missing file and the fix, not ENOENT. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const before = process.env.GREFFE_FONT_DIR;
afterEach(() => {
  if (before === undefined) delete process.env.GREFFE_FONT_DIR;
  else process.env.GREFFE_FONT_DIR = before;
  vi.resetModules();
});

describe('act PDF fonts', () => {
  it('names the missing font file and how to install it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'greffe-fonts-'));
    process.env.GREFFE_FONT_DIR = empty;
    vi.resetModules();
    const { newPdf } = await import('./render-pdf.ts');
    const error = await newPdf().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain(`Police introuvable : ${empty}/LiberationSerif-`);
    expect(error?.message).toContain('sudo apt-get install -y fonts-liberation');
    expect(error?.message).not.toContain('ENOENT');
  });

  it('renders with the fonts of fonts-liberation', async () => {
    const { newPdf } = await import('./render-pdf.ts');
    const { doc } = await newPdf();
    expect((await doc.save()).length).toBeGreaterThan(1000);
  });
});
