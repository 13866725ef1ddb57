/** The outbox payload's mark of an e-mail that carries the filing receipt (connectors/mail/mail-connector.ts). */
export const RECEIPT_ATTACHMENT = 'accuse_reception';
