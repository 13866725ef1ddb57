/**
 * Builds the server's connectors from configuration (config.ts): e-mail (SMTP
 * or .eml), SMS (OVH or its simulator), post (hybrid-mail provider or its
 * simulator), the commissaire de justice and the bank (their endpoints or
 * their simulators, answering by signed webhook), the court's seal for the
 * acts it issues, and the video rooms. Nothing configured: everything runs
 * locally, for real, on loopback. Which one runs is configuration, never code.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActIssuer } from '../acts/issue.ts';
import { courtById } from '../identity/courts.ts';
import type { Runtime } from '../service/context.ts';
import { filingReceipt, receiptFilename } from '../service/receipt.ts';
import { RECEIPT_ATTACHMENT } from '../store/case-store.ts';
import { configuredConnectors, type ConnectorConfig } from './config.ts';
import { type Connector, PLATFORM_CONNECTOR } from './connector.ts';
import { type DeliveryReportOptions, deliveryReportInbox } from './delivery-reports.ts';
import { contactLookups } from './contacts.ts';
import { localConnectors } from './local.ts';
import { type LetterClient, postConnector } from './post/hybrid-mail.ts';
import { MailevaClient } from './post/maileva.ts';
import { type PostSimulator, startPostSimulator } from './post/simulator.ts';
import { journalOutcomes } from './receipts.ts';
import { DEV_SEAL_NOTICE, sealFromConfig } from './seal/seal.ts';
import type { VideoConfig } from './video/jitsi.ts';
import { CaseWebhookInbox } from './webhooks/case-inbox.ts';
import { WEBHOOK_TYPES } from './webhooks/inbox.ts';
import {
  type CommissaireSimulator,
  partnerConnector,
  startBankSimulator,
  startCommissaireSimulator,
} from './webhooks/partner-connectors.ts';
import { PartnerClient, type PartnerSimulator } from './webhooks/partner-http.ts';
import { type BankAccountSample, WebhookSender } from './webhooks/partners.ts';
import type { WebhookKey } from './webhooks/signature.ts';
import type { SmsSender } from './sms/ovh-client.ts';

export interface Simulators {
  readonly post?: PostSimulator;
  readonly commissaire?: CommissaireSimulator;
  readonly banque?: PartnerSimulator;
}

export interface StartedConnectors {
  readonly connectors: ReadonlyMap<string, Connector>;
  readonly onOutcome: ReturnType<typeof journalOutcomes>;
  readonly webhooks: {
    readonly partners: Record<string, readonly WebhookKey[]>;
    readonly inbox: CaseWebhookInbox;
    readonly maileva?: { readonly user: string; readonly password: string };
    readonly reports: DeliveryReportOptions;
  };
  readonly issuer: ActIssuer;
  readonly video: VideoConfig;
  /** The SMS sender the outbox's `sms` connector uses: signature codes go through it too. */
  readonly smsSender: SmsSender;
  readonly simulators: Simulators;
  /** Which connectors are simulated (said at start-up). */
  readonly simulated: readonly string[];
  /** The server's own address, once it listens (links, simulators' webhooks). */
  setPlatformUrl(url: string): void;
  close(): Promise<void>;
}

export interface ConnectorOptions {
  readonly deliveryLog?: string;
  /** What the simulated bank answers (cents). */
  readonly bankAccount?: BankAccountSample;
}

const generatedKey = (id: string): WebhookKey => ({ id, secret: randomBytes(24).toString('hex') });

/** A secret kept in the data folder, generated once (the video rooms' without configuration). */
function localSecret(dir: string, name: string): string {
  const file = join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export async function startConnectors(
  rt: Runtime,
  cfg: ConnectorConfig,
  o: ConnectorOptions = {},
): Promise<StartedConnectors> {
  const { store, catalog } = rt;
  let platformUrl = cfg.publicUrl ?? 'http://127.0.0.1';
  const publicUrl = () => cfg.publicUrl ?? platformUrl;
  const seal = await sealFromConfig(cfg.seal);
  const issuer = new ActIssuer(store, catalog, seal, publicUrl);
  const actPdf = (caseId: string, ref: { kind: string; id?: string }) => issuer.pdfFor(caseId, ref);
  const lookups = contactLookups(store, catalog);
  const closers: (() => Promise<void>)[] = [];
  const simulated: string[] = [];

  // OVH's delivery reports come to a secret URL; the simulator gets one of its own.
  const smsToken = cfg.sms.callbackToken ?? randomBytes(24).toString('base64url');
  const smsCallback = () => `${platformUrl}/api/webhooks/sms/ovh/${smsToken}`;
  const mailSms = await configuredConnectors(
    cfg,
    {
      ...lookups,
      caseUrl: (id) => `${publicUrl()}/affaires/${encodeURIComponent(id)}`,
      // The filing receipt the filer's e-mail carries: the same PDF as « Télécharger l’accusé de réception ».
      attachmentOf: async (m) => {
        if (m.attach !== RECEIPT_ATTACHMENT || !m.caseId || !m.recipient.userId) return undefined;
        const caller = { id: m.recipient.userId, name: m.recipient.name, roles: [], court: null };
        const { reference, pdf } = await filingReceipt(rt, caller, m.caseId, publicUrl());
        return { filename: receiptFilename(reference), content: pdf, contentType: 'application/pdf' };
      },
    },
    smsCallback,
  );
  const reportsSmsToken = cfg.sms.callbackToken ?? (mailSms.simulatedSms ? smsToken : undefined);
  const bounce = cfg.mail.bounce;
  closers.push(mailSms.close);
  if (!cfg.mail.smtpUrl) simulated.push('courriel (.eml)');
  if (mailSms.simulatedSms) simulated.push('sms');

  // Partners: their endpoint, or a simulator on loopback answering by webhook.
  const requestKeys = cfg.requestKeys.length > 0 ? cfg.requestKeys : [generatedKey('plateforme')];
  const webhookKeys: Record<string, readonly WebhookKey[]> = {};
  const simulators: { post?: PostSimulator; commissaire?: CommissaireSimulator; banque?: PartnerSimulator } =
    {};
  const clients: Record<string, PartnerClient> = {};
  for (const partner of Object.keys(WEBHOOK_TYPES)) {
    // Maileva speaks its own API (maileva.ts), its notifications come to /api/webhooks/maileva.
    if (partner === 'poste' && cfg.post.api === 'maileva') continue;
    const configured = cfg.partners[partner]?.url;
    const keys = cfg.webhooks[partner] ?? (configured ? [] : [generatedKey(`${partner}-local`)]);
    if (keys.length > 0) webhookKeys[partner] = keys;
    const webhook = () => new WebhookSender(`${platformUrl}/api/webhooks/${partner}`, keys);
    let url = configured;
    if (!url) {
      if (cfg.requestKeys.length === 0 && Object.values(cfg.partners).some((x) => x.url))
        throw new Error(
          'Partenaires configurés sans clé de signature des demandes : indiquez GREFFE_PARTNER_KEYS.',
        );
      let sim: PartnerSimulator;
      if (partner === 'poste') {
        simulators.post = await startPostSimulator({ keys: requestKeys, webhook });
        sim = simulators.post;
      } else if (partner === 'commissaire') {
        simulators.commissaire = await startCommissaireSimulator({ keys: requestKeys, webhook });
        sim = simulators.commissaire;
      } else {
        // Figures of the simulator, not of the law: a balance, and a protected balance left to the debtor.
        const account = () => o.bankAccount ?? { balance: 300_000, protectedBalance: 63_552 };
        simulators.banque = await startBankSimulator({ keys: requestKeys, webhook, account });
        sim = simulators.banque;
      }
      closers.push(sim.close);
      simulated.push(partner);
      url = sim.url;
    }
    clients[partner] = new PartnerClient(url, requestKeys);
  }
  const post: LetterClient =
    cfg.post.api === 'maileva' ? new MailevaClient(cfg.post.maileva) : (clients.poste as PartnerClient);
  const cj = clients.commissaire as PartnerClient;
  const bank = clients.banque as PartnerClient;
  const postOptions = {
    addressOf: lookups.addressOf,
    actPdf,
    court: async (caseId: string) => {
      const c = await store.getCase(caseId);
      return (c && courtById(c.court)?.name) ?? c?.court ?? '';
    },
    today: () => rt.clock.now().toISOString().slice(0, 10),
    ...(seal.development && { notice: DEV_SEAL_NOTICE }),
  };
  const cjActor = cfg.partners.commissaire?.actor;
  const forward = partnerConnector(PLATFORM_CONNECTOR, 'Messagerie de la plateforme.', cj);
  const real: Connector[] = [
    ...mailSms.connectors,
    postConnector('lettre_simple', post, postOptions),
    postConnector('lettre_recommandee', post, postOptions),
    partnerConnector(
      'signification_papier',
      'Demande de signification au commissaire de justice (sur papier).',
      cj,
      actPdf,
    ),
    partnerConnector(
      'signification_electronique',
      'Demande de signification électronique au commissaire de justice.',
      cj,
      actPdf,
    ),
    partnerConnector(
      'saisie_attribution',
      'Saisie-attribution : le jugement adressé à la banque du débiteur.',
      bank,
      actPdf,
    ),
    {
      // The commissaire's platform account: its messages also go to its own system (its service requests).
      name: PLATFORM_CONNECTOR,
      description:
        'Messagerie de la plateforme ; celle du commissaire de justice partenaire lui est aussi transmise.',
      deliver: async (m) => (cjActor && m.recipient.userId === cjActor ? forward.deliver(m) : undefined),
    },
  ];
  const video: VideoConfig = {
    url: cfg.video.url ?? 'https://visio.greffe.invalid',
    appId: cfg.video.appId,
    secret: cfg.video.secret ?? localSecret(store.dataDir, 'visio.secret'),
  };
  return {
    connectors: localConnectors(store, o.deliveryLog, real),
    onOutcome: journalOutcomes(store, catalog, rt.clock),
    webhooks: {
      partners: webhookKeys,
      ...(cfg.post.api === 'maileva' && { maileva: cfg.post.webhook }),
      reports: {
        inbox: deliveryReportInbox(rt),
        ...(reportsSmsToken && { smsToken: reportsSmsToken }),
        ...(bounce && cfg.dsnKeys.length > 0 && { dsn: { keys: cfg.dsnKeys, bounce } }),
      },
      inbox: new CaseWebhookInbox(rt, { actors: cjActor ? { commissaire: cjActor } : {} }),
    },
    issuer,
    video,
    smsSender: mailSms.smsSender,
    simulators,
    simulated,
    setPlatformUrl(url) {
      platformUrl = url;
    },
    async close() {
      for (const c of closers) await c();
    },
  };
}
