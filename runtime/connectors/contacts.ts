/**
 * Where a message goes: a party's e-mail, mobile number and postal address.
 * A party who joined the case has an account (its e-mail). Before that — the
 * defendant convoked by e-mail or by letter — the details are those the
 * filings gave: in a form's data, the object named after the party's role
 * (its fields recognised by their schema: `format: email`, a title saying
 * « téléphone », « adresse », « nom », « prénom », « dénomination »), and a
 * top-level e-mail field whose name ends with `_<role>`. Later filings win.
 */
import type { Procedure } from '../../spec/index.ts';
import type { Catalog } from '../catalog.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { OutboundMessage } from './connector.ts';

export interface PartyContact {
  email?: string;
  phone?: string;
  address?: string;
  name?: string;
}

type Schema = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const title = (s: unknown) => (isObj(s) && typeof s.title === 'string' ? s.title : '');

/** The contact fields of one party object, by what their schema says they are. */
function readParty(schema: Schema | undefined, data: Schema, into: PartyContact): void {
  const props = isObj(schema?.properties) ? (schema.properties as Schema) : {};
  const parts: { first?: string; last?: string; org?: string } = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string' || v.trim() === '') continue;
    const s = props[k];
    const t = title(s);
    if (isObj(s) && s.format === 'email') into.email = v.trim();
    else if (/t[ée]l[ée]phone/i.test(t)) into.phone = v.trim();
    else if (/adresse/i.test(t)) into.address = v.trim();
    else if (/d[ée]nomination|raison sociale/i.test(t)) parts.org = v.trim();
    else if (/^pr[ée]nom/i.test(t)) parts.first = v.trim();
    else if (/^nom\b/i.test(t)) parts.last = v.trim();
  }
  const name = parts.org ?? [parts.first, parts.last].filter(Boolean).join(' ');
  if (name) into.name = name;
}

/** The contact of party `role` as the case's filings give it. */
export async function filedContact(
  store: CaseStore,
  p: Procedure,
  caseId: string,
  role: string,
): Promise<PartyContact> {
  const { journal } = await store.caseRecord(caseId, '');
  const out: PartyContact = {};
  for (const j of journal) {
    if (j.kind !== 'transition') continue;
    const form = p.forms[p.transitions[j.transitionIndex ?? -1]?.form ?? ''];
    const schema = form?.schema as Schema | undefined;
    const props = isObj(schema?.properties) ? (schema.properties as Schema) : {};
    const data = JSON.parse(j.data) as Schema;
    const party = data[role];
    if (isObj(party)) readParty(props[role] as Schema | undefined, party, out);
    for (const [k, v] of Object.entries(data)) {
      const s = props[k];
      if (k.endsWith(`_${role}`) && typeof v === 'string' && isObj(s) && s.format === 'email') out.email = v;
    }
  }
  return out;
}

/** E.164 from what a form accepted (« 06 12 34 56 78 », « +33 6… »); French numbers without prefix. */
export function toE164(phone: string): string | undefined {
  const digits = phone.replace(/[\s.-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^0[67]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  return undefined;
}

/** The lookups the connectors use: the account's e-mail first, then the filings'. */
export function contactLookups(store: CaseStore, catalog: Catalog) {
  const filed = async (m: OutboundMessage): Promise<PartyContact> => {
    if (!m.caseId || !m.recipient.role) return {};
    const c = await store.getCase(m.caseId);
    const p = c ? catalog.get(c.procedureId, c.procedureVersion) : undefined;
    return p ? filedContact(store, p, m.caseId, m.recipient.role) : {};
  };
  return {
    emailOf: async (m: OutboundMessage) => {
      const user = m.recipient.userId ? await store.userById(m.recipient.userId) : undefined;
      return user?.email ?? (await filed(m)).email;
    },
    phoneOf: async (m: OutboundMessage) => {
      const phone = (await filed(m)).phone;
      return phone ? toE164(phone) : undefined;
    },
    addressOf: async (m: OutboundMessage) => {
      const c = await filed(m);
      return c.address ? { name: c.name ?? m.recipient.name, address: c.address } : undefined;
    },
  };
}
