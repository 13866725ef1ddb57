/**
 * Sent once even if the platform dies between the provider's answer and its
 * own record: `greffe serve` in a child process sends an SMS through the OVH
 * client to the simulator, which accepts it and kills the child (kill -9)
 * before answering. Restarted on the same database, the server sends the
 * message again with the same idempotency key: the provider answers its
 * first answer and sends nothing more; the delivery is journaled once.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SmsSimulator, startSmsSimulator } from '../runtime/connectors/sms/simulator.ts';
import { Api } from './helpers/api.ts';
import { ovhCredentials, smsEnv } from './helpers/connector-env.ts';
import { filing } from './helpers/annex.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-crash-'));
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const creds = ovhCredentials('test');

function serve(sim: SmsSimulator): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/main.ts', 'serve', '--dev', '--port', '0', '--db', join(dir, 'greffe.sqlite')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ...smsEnv(sim, creds),
      },
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /servie sur (http:\/\/\S+) /.exec(out);
      if (m?.[1]) resolve({ child, url: m[1].replace('localhost', '127.0.0.1') });
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code, signal) => reject(new Error(`serve arrêté (${code ?? signal}) : ${out}`)));
  });
}

describe('kill -9 between the provider’s send and the platform’s record', () => {
  it('sends the SMS once: the same idempotency key reaches the provider after the restart', async () => {
    let victim: ChildProcessWithoutNullStreams | undefined;
    const sim = await startSmsSimulator({
      ...creds,
      onAccepted: async () => {
        const c = victim;
        victim = undefined;
        if (!c) return;
        const dead = new Promise((ok) => c.once('exit', ok));
        c.kill('SIGKILL');
        await dead;
      },
    });
    try {
      const first = await serve(sim);
      const as = async (url: string, user: string) => {
        const api = new Api(url);
        await api.login(user);
        return api;
      };
      const demandeur = await as(first.url, 'demandeur');
      const opened = await demandeur.open('petits-litiges', { version: '1.0.0' });
      const data = filing({
        defendeur: {
          qualite: 'personne_morale',
          denomination: 'Boutique Électro SARL',
          adresse: '5 avenue Jean Jaurès, 69007 Lyon',
          telephone: '06 98 76 54 32',
        },
      });
      await demandeur.ok(opened.id, 'deposer_demande', data);
      await (await as(first.url, 'greffe')).ok(opened.id, 'convoquer_defendeur');
      victim = first.child; // the next SMS accepted kills this server before it hears the answer
      await (await as(first.url, 'defendeur')).ok(opened.id, 's_identifier', {
        moyen_identification: 'franceconnect',
        courriel: 'gerant@boutique-electro.example',
        consentement_signification_electronique: true,
      });
      await expect
        .poll(() => first.child.exitCode !== null || first.child.signalCode !== null, { timeout: 20_000 })
        .toBe(true);
      expect(first.child.signalCode).toBe('SIGKILL');
      expect(sim.sent).toHaveLength(1);
      const key = sim.sent[0]?.idempotencyKey;
      expect(key).toMatch(/^outbox-\d+$/);

      const second = await serve(sim);
      const greffe = await as(second.url, 'greffe');
      const sent = async () => {
        const v = await greffe.view(opened.id);
        return v.body.timeline.filter((t) => t.kind === 'connecteur' && /^SMS envoyé/.test(String(t.label)));
      };
      await expect.poll(async () => (await sent()).length, { timeout: 20_000 }).toBe(1);
      expect(sim.requests()).toBe(2); // the same job, asked twice
      expect(sim.sent).toHaveLength(1); // sent once
      expect(sim.sent[0]).toMatchObject({ to: '+33698765432', idempotencyKey: key });
      const exit = new Promise((ok) => second.child.once('exit', ok));
      second.child.kill('SIGTERM');
      await exit;
    } finally {
      await sim.close();
    }
  }, 240_000);
});
