/** Bounces: which message a DSN is about (VERP address or ENVID, HMAC checked), and what it says. */
import { describe, expect, it } from 'vitest';
import { dsnFor } from '../../../test/helpers/dsn.ts';
import type { SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { ovhDeliveryReport } from '../sms/ovh-dlr.ts';
import { bounceReason, parseBounce } from './dsn.ts';
import { bounceToken, keyOfToken, verpAddress } from './verp.ts';

const B = { address: 'retours@tj-lyon.example', secret: 'secret-des-jetons-0123456789abcdef' };
const received = (mailFrom: string, envid?: string) =>
  ({
    rcptTo: ['jeanne@example.org'],
    mailFrom,
    envid,
    mail: { messageId: '<x@tj-lyon.example>', subject: 'Convocation' },
  }) as unknown as SmtpSink['inbox'][number];

describe('VERP tokens', () => {
  it('name the key with an HMAC; a made-up or altered one names nothing', () => {
    const token = bounceToken('outbox-12', B.secret) as string;
    expect(verpAddress(B, 'outbox-12')).toBe(`retours+${token}@tj-lyon.example`);
    expect(keyOfToken(token, B.secret)).toBe('outbox-12');
    expect(keyOfToken(token.replace('outbox-12', 'outbox-13'), B.secret)).toBeUndefined();
    expect(keyOfToken(token, 'un-autre-secret-0123456789abcdef')).toBeUndefined();
    // A key too long for a local part goes out with the bounce address itself.
    expect(verpAddress(B, `code-connexion-${'a'.repeat(36)}`)).toBe(B.address);
  });
});

describe('parseBounce', () => {
  it('finds the message by its VERP address, and reads status and diagnostic (folded lines joined)', async () => {
    const b = await parseBounce(dsnFor(received(verpAddress(B, 'outbox-12'))), B);
    expect(b).toMatchObject({ key: 'outbox-12', action: 'failed', status: '5.1.1' });
    expect(b?.diagnostic).toBe(
      '550 5.1.1 <jeanne@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    );
    expect(bounceReason(b as NonNullable<typeof b>)).toMatch(/^refusé par le serveur .* \(5\.1\.1\) : 550/);
  });

  it('by its envelope id alone when the bounce went to the plain address', async () => {
    const token = bounceToken('outbox-7', B.secret);
    const b = await parseBounce(dsnFor(received(B.address, token)), B);
    expect(b?.key).toBe('outbox-7');
  });

  it('names nothing for a made-up token, and is undefined for a message that is no DSN', async () => {
    const forged = `retours+outbox-12.${'0'.repeat(16)}@tj-lyon.example`;
    expect((await parseBounce(dsnFor(received(forged)), B))?.key).toBeUndefined();
    expect(await parseBounce('From: a@b\r\nSubject: Absent\r\n\r\nJe suis absent.\r\n', B)).toBeUndefined();
    const delayed = await parseBounce(
      dsnFor(received(verpAddress(B, 'outbox-1')), { action: 'delayed', status: '4.4.1' }),
      B,
    );
    expect(delayed).toMatchObject({ key: 'outbox-1', action: 'delayed', status: '4.4.1' });
  });
});

describe('OVH delivery report', () => {
  it('maps ptt (else the DLR id) to delivered, failed or still on the way', () => {
    expect(ovhDeliveryReport({ id: '7', ptt: '4' }).status).toBe('distribue');
    expect(ovhDeliveryReport({ id: '7', ptt: '23' })).toMatchObject({
      status: 'echec',
      reason: 'numéro invalide, inconnu ou définitivement interdit (code 23)',
    });
    expect(ovhDeliveryReport({ id: '7', ptt: '99' }).reason).toBe('refusé par l’opérateur (code 99)');
    for (const ptt of ['1', '2', '3', '6'])
      expect(ovhDeliveryReport({ id: '7', ptt }).status).toBeUndefined();
    expect(ovhDeliveryReport({ id: '7', description: '1' }).status).toBe('distribue');
    expect(ovhDeliveryReport({ id: '7', dlr: '16', descriptionDlr: 'Error' })).toMatchObject({
      status: 'echec',
      reason: 'Error (code 16)',
    });
    expect(ovhDeliveryReport({ id: '7', description: '4' }).status).toBeUndefined();
    expect(() => ovhDeliveryReport({ ptt: '4' })).toThrow(/sans identifiant/);
    expect(() => ovhDeliveryReport({ id: '7' })).toThrow(/sans état/);
  });
});
