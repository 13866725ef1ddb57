/**
 * The configuration (environment variables, as `greffe serve` reads them) that points the server's
 * mail and SMS connectors at the loopback SMTP server and OVH simulator of a test.
 */
import type { SmsSimulator } from '../../runtime/connectors/sms/simulator.ts';
import type { SmtpSink } from './smtp-sink.ts';

export interface OvhCredentials {
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
  readonly serviceName: string;
}

/** Credentials the simulator accepts, distinct per test file (`name`). */
export const ovhCredentials = (name: string): OvhCredentials => ({
  applicationKey: `app-key-${name}`,
  applicationSecret: `app-secret-${name}-0123456789`,
  consumerKey: `consumer-key-${name}-012345`,
  serviceName: `sms-${name}`,
});

/** SMS through the OVH simulator with `creds`. */
export const smsEnv = (sms: SmsSimulator, creds: OvhCredentials): Record<string, string> => ({
  GREFFE_SMS_OVH_ENDPOINT: sms.endpoint,
  GREFFE_SMS_OVH_APP_KEY: creds.applicationKey,
  GREFFE_SMS_OVH_APP_SECRET: creds.applicationSecret,
  GREFFE_SMS_OVH_CONSUMER_KEY: creds.consumerKey,
  GREFFE_SMS_OVH_SERVICE: creds.serviceName,
  GREFFE_SMS_SENDER: 'GREFFE',
});

/** E-mail through the loopback SMTP server, and SMS through the OVH simulator. */
export const mailSmsEnv = (
  sink: SmtpSink,
  sms: SmsSimulator,
  creds: OvhCredentials,
): Record<string, string> => ({
  GREFFE_SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
  GREFFE_MAIL_FROM: 'Greffe du tribunal <greffe@tj-lyon.example>',
  ...smsEnv(sms, creds),
});
