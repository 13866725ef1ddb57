/**
 * Which implementation of each connector runs is configuration, read from the
 * environment (docs/exploitation.md, « Connecteurs ») — never code. Nothing
 * set: e-mails as .eml files, SMS through the local simulator, the seal with
 * a generated development certificate and a local TSA, no webhook served.
 */
import { join, resolve } from 'node:path';
import type { Connector, OutboundMessage } from './connector.ts';
import { type MailConnectorOptions, mailConnector } from './mail/mail-connector.ts';
import { type MailerConfig, mailerFromConfig, mailFolder } from './mail/mailer.ts';
import type { BounceConfig } from './mail/verp.ts';
import type { MailevaConfig } from './post/maileva.ts';
import type { SealConfig } from './seal/seal.ts';
import type { OvhConfig, SmsSender } from './sms/ovh-client.ts';
import { smsConnector, smsFromConfig } from './sms/sms-connector.ts';
import { WEBHOOK_TYPES } from './webhooks/inbox.ts';
import type { WebhookKey } from './webhooks/signature.ts';

export interface ConnectorConfig {
  readonly mail: MailerConfig;
  readonly sms: Partial<OvhConfig> & {
    readonly logFile?: string;
    /**
     * The secret token of OVH's callback URL (/api/webhooks/sms/ovh/<token>), which OVH calls with each
     * delivery report; absent with OVH configured → reports are not received (the simulator gets its own).
     */
    readonly callbackToken?: string;
  };
  readonly seal: SealConfig;
  /**
   * Keys the mail server's bounce pipe signs the bounces (DSN) it posts with (/api/webhooks/courriel/dsn,
   * same scheme as the webhooks); none → bounces are not received.
   */
  readonly dsnKeys: readonly WebhookKey[];
  /** Keys per webhook partner; a partner without keys is not served. */
  readonly webhooks: Readonly<Record<string, readonly WebhookKey[]>>;
  /** The platform's public address, for links in messages (e.g. https://petits-litiges.justice.fr). */
  readonly publicUrl?: string;
  /**
   * The outside partners the platform sends requests to, per webhook partner (`commissaire`, `banque`,
   * `poste`): their endpoint (absent → a simulator on loopback) and, for the commissaire, the platform
   * account it acts as (its messages are forwarded to it, its webhook acts are that account's).
   */
  readonly partners: Readonly<Record<string, { readonly url?: string; readonly actor?: string }>>;
  /** Keys the platform signs its requests to partners with (same scheme as the webhooks). */
  readonly requestKeys: readonly WebhookKey[];
  /** Video rooms (Jitsi-compatible): base URL, application id and the secret of the room tokens. */
  readonly video: { readonly url?: string; readonly appId: string; readonly secret?: string };
  /**
   * The post's API: the platform's neutral shape (`neutre`, the default: GREFFE_PARTNER_URL_POSTE or the
   * simulator) or Maileva's (`maileva`: its API, its OAuth2 account, and the Basic credentials its
   * notifications bring to /api/webhooks/maileva).
   */
  readonly post: PostApiConfig;
}

export type PostApiConfig =
  | { readonly api: 'neutre' }
  | {
      readonly api: 'maileva';
      readonly maileva: MailevaConfig;
      readonly webhook: { readonly user: string; readonly password: string };
    };

const MAILEVA_ENV = {
  apiUrl: 'GREFFE_MAILEVA_API_URL',
  authUrl: 'GREFFE_MAILEVA_AUTH_URL',
  clientId: 'GREFFE_MAILEVA_CLIENT_ID',
  clientSecret: 'GREFFE_MAILEVA_CLIENT_SECRET',
  username: 'GREFFE_MAILEVA_USERNAME',
  password: 'GREFFE_MAILEVA_PASSWORD',
  webhookUser: 'GREFFE_MAILEVA_WEBHOOK_USER',
  webhookPassword: 'GREFFE_MAILEVA_WEBHOOK_PASSWORD',
} as const;

function postApiFromEnv(env: Env): PostApiConfig {
  const api = env.GREFFE_POSTE_API ?? 'neutre';
  if (api === 'neutre') return { api };
  if (api !== 'maileva')
    throw new Error(`GREFFE_POSTE_API : « neutre » ou « maileva » attendu, pas « ${api} ».`);
  const missing = Object.values(MAILEVA_ENV).filter((k) => !env[k]);
  if (missing.length > 0)
    throw new Error(`GREFFE_POSTE_API=maileva : variables manquantes : ${missing.join(', ')}.`);
  const v = (k: keyof typeof MAILEVA_ENV) => env[MAILEVA_ENV[k]] as string;
  if (v('webhookPassword').length < 16)
    throw new Error('GREFFE_MAILEVA_WEBHOOK_PASSWORD : au moins 16 caractères.');
  return {
    api,
    maileva: {
      apiUrl: v('apiUrl'),
      authUrl: v('authUrl'),
      clientId: v('clientId'),
      clientSecret: v('clientSecret'),
      username: v('username'),
      password: v('password'),
    },
    webhook: { user: v('webhookUser'), password: v('webhookPassword') },
  };
}

type Env = Readonly<Record<string, string | undefined>>;

/** The bounce address (VERP) and the secret of its tokens: both, or neither. */
function bounceFromEnv(env: Env): { bounce?: BounceConfig } {
  const address = env.GREFFE_MAIL_BOUNCE;
  if (!address) return {};
  if (!/^[^@\s+]+@[^@\s]+$/.test(address))
    throw new Error('GREFFE_MAIL_BOUNCE : une adresse sans « + » est attendue, ex. retours@tj-lyon.example.');
  const secret = env.GREFFE_MAIL_BOUNCE_SECRET;
  if (!secret || secret.length < 32)
    throw new Error('GREFFE_MAIL_BOUNCE_SECRET : au moins 32 caractères (avec GREFFE_MAIL_BOUNCE).');
  return { bounce: { address, secret } };
}

/** The bounce pipe's keys: bounces are matched by their VERP token, so they need the bounce address. */
function dsnKeysFromEnv(env: Env): WebhookKey[] {
  const keys = parseWebhookKeys(env.GREFFE_WEBHOOK_KEYS_COURRIEL, 'GREFFE_WEBHOOK_KEYS_COURRIEL');
  if (keys.length > 0 && !env.GREFFE_MAIL_BOUNCE)
    throw new Error('GREFFE_WEBHOOK_KEYS_COURRIEL sans GREFFE_MAIL_BOUNCE : indiquez l’adresse des retours.');
  return keys;
}

/** A secret put in a URL: 32 characters or more, of those a URL carries as they are. */
function secretToken(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !/^[A-Za-z0-9_-]{32,}$/.test(value))
    throw new Error(`${name} : au moins 32 caractères parmi lettres, chiffres, - et _.`);
  return value;
}

/** "id1:secret1,id2:secret2" → keys; a key id is letters, digits, - and _. */
export function parseWebhookKeys(value: string | undefined, name: string): WebhookKey[] {
  if (!value) return [];
  return value.split(',').map((part) => {
    const m = /^([\w-]+):(.{16,})$/.exec(part.trim());
    if (!m)
      throw new Error(
        `${name} : attendu « id:secret » (secret d’au moins 16 caractères), séparés par des virgules.`,
      );
    return { id: m[1] as string, secret: m[2] as string };
  });
}

/** `dataDir`: the server's data folder (CaseStore.dataDir); its `courriels/` folder is then the default for .eml files. */
export function connectorConfigFromEnv(env: Env, dataDir?: string): ConnectorConfig {
  const opt = <K extends string>(key: K, v: string | undefined) =>
    (v ? { [key]: v } : {}) as Partial<Record<K, string>>;
  const max = env.GREFFE_SMS_MAX_SEGMENTS ? Number(env.GREFFE_SMS_MAX_SEGMENTS) : undefined;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    throw new Error('GREFFE_SMS_MAX_SEGMENTS : un entier positif est attendu.');
  return {
    mail: {
      from: env.GREFFE_MAIL_FROM ?? 'Greffe <greffe@greffe.invalid>',
      ...opt('smtpUrl', env.GREFFE_SMTP_URL),
      emlDir: env.GREFFE_MAIL_DIR ?? (dataDir !== undefined ? mailFolder(dataDir) : 'data/mail'),
      ...bounceFromEnv(env),
    },
    dsnKeys: dsnKeysFromEnv(env),
    sms: {
      ...opt('endpoint', env.GREFFE_SMS_OVH_ENDPOINT),
      ...opt('applicationKey', env.GREFFE_SMS_OVH_APP_KEY),
      ...opt('applicationSecret', env.GREFFE_SMS_OVH_APP_SECRET),
      ...opt('consumerKey', env.GREFFE_SMS_OVH_CONSUMER_KEY),
      ...opt('serviceName', env.GREFFE_SMS_OVH_SERVICE),
      ...opt('sender', env.GREFFE_SMS_SENDER),
      ...(max !== undefined && { maxSegments: max }),
      ...opt('callbackToken', secretToken(env.GREFFE_SMS_CALLBACK_TOKEN, 'GREFFE_SMS_CALLBACK_TOKEN')),
      logFile:
        env.GREFFE_SMS_LOG ??
        (dataDir !== undefined ? join(resolve(dataDir), 'sms.jsonl') : 'data/sms.jsonl'),
    },
    seal: {
      ...opt('certFile', env.GREFFE_SEAL_CERT),
      ...opt('keyFile', env.GREFFE_SEAL_KEY),
      ...opt('tsaUrl', env.GREFFE_TSA_URL),
      devDir:
        env.GREFFE_DEV_PKI_DIR ??
        (dataDir !== undefined ? join(resolve(dataDir), 'dev-pki') : 'data/dev-pki'),
    },
    partners: Object.fromEntries(
      Object.keys(WEBHOOK_TYPES).map((p) => {
        const P = p.toUpperCase();
        return [
          p,
          { ...opt('url', env[`GREFFE_PARTNER_URL_${P}`]), ...opt('actor', env[`GREFFE_PARTNER_USER_${P}`]) },
        ];
      }),
    ),
    requestKeys: parseWebhookKeys(env.GREFFE_PARTNER_KEYS, 'GREFFE_PARTNER_KEYS'),
    video: {
      ...opt('url', env.GREFFE_VIDEO_URL),
      appId: env.GREFFE_VIDEO_APP_ID ?? 'greffe',
      ...opt('secret', env.GREFFE_VIDEO_SECRET),
    },
    webhooks: Object.fromEntries(
      // One key list per webhook partner (webhooks/inbox.ts: the commissaire de justice, the bank).
      Object.keys(WEBHOOK_TYPES).flatMap((p) => {
        const name = `GREFFE_WEBHOOK_KEYS_${p.toUpperCase()}`;
        const keys = parseWebhookKeys(env[name], name);
        return keys.length > 0 ? [[p, keys]] : [];
      }),
    ),
    post: postApiFromEnv(env),
    ...opt('publicUrl', env.GREFFE_PUBLIC_URL),
  };
}

export interface RecipientLookups {
  readonly emailOf: (m: OutboundMessage) => string | undefined | Promise<string | undefined>;
  readonly phoneOf: (m: OutboundMessage) => string | undefined | Promise<string | undefined>;
  /** The case's page, when the public address is known only once the server listens. */
  readonly caseUrl?: (caseId: string) => string;
  /** The file an e-mail asks to carry (the filing receipt). */
  readonly attachmentOf?: MailConnectorOptions['attachmentOf'];
}

/** The configured `courriel` and `sms` connectors, to give localConnectors(…, real). */
export async function configuredConnectors(
  c: ConnectorConfig,
  lookups: RecipientLookups,
  /** The platform's SMS callback URL, for the simulator's delivery reports. */
  smsCallbackUrl?: () => string,
): Promise<{
  connectors: Connector[];
  /** The SMS sender, for what the outbox does not carry (signature codes: protocol-signature.ts). */
  smsSender: SmsSender;
  simulatedSms: boolean;
  close: () => Promise<void>;
}> {
  const sms = await smsFromConfig(c.sms, smsCallbackUrl);
  const caseUrl = c.publicUrl
    ? (id: string) => `${c.publicUrl}/affaires/${encodeURIComponent(id)}`
    : lookups.caseUrl;
  return {
    connectors: [
      mailConnector(mailerFromConfig(c.mail), {
        addressOf: lookups.emailOf,
        ...(caseUrl && { caseUrl }),
        ...(lookups.attachmentOf && { attachmentOf: lookups.attachmentOf }),
      }),
      smsConnector(sms.sender, { phoneOf: lookups.phoneOf }),
    ],
    smsSender: sms.sender,
    simulatedSms: sms.simulated,
    close: sms.close,
  };
}
