/** Which transitions make a conversation, and what counts as an attachment (runtime/service/thread.ts). */
import { describe, expect, it } from 'vitest';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { GreffeError } from '../errors.ts';
import { attachmentFields, checkAttachments, threadEvents, threadLabel } from './thread.ts';

const annex = loadProcedure('spec/procedures/petits-litiges/1.1.0').procedure as Procedure;

describe('the conciliation thread of annex 1.1.0', () => {
  it('is made of the confidential exchanges within the conciliation phase, not of the protocol', () => {
    const events = threadEvents(annex);
    expect([...events].sort()).toEqual([
      'completer_dossier_conciliation',
      'demander_complement_conciliation',
      'echanger_conciliation',
    ]);
    expect(threadLabel(annex, events)).toBe(annex.phases.conciliation?.label);
  });

  it('takes as attachments the lists of free strings, not the lists of choices', () => {
    expect(attachmentFields(annex, 'complement')).toEqual(['pieces']);
    expect(attachmentFields(annex, 'demande_complement')).toEqual([]);
  });

  it('refuses an attachment that is not a document the author sees, and lets a known one through', () => {
    const known = new Set(['doc-1']);
    expect(() =>
      checkAttachments(annex, 'echanger_conciliation', { message: 'x', pieces: ['doc-1'] }, known),
    ).not.toThrow();
    let error: unknown;
    try {
      checkAttachments(annex, 'echanger_conciliation', { message: 'x', pieces: ['facture.pdf'] }, known);
    } catch (e: unknown) {
      error = e;
    }
    expect(error).toBeInstanceOf(GreffeError);
    expect((error as GreffeError).code).toBe('UNKNOWN_ATTACHMENT');
    // Outside the thread, nothing is checked here (the form's own rules apply).
    expect(() => checkAttachments(annex, 'deposer_demande', { pieces: ['x'] }, known)).not.toThrow();
  });
});
