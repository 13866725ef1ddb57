/** `greffe users add|list|disable`: court staff accounts, made by an operator on the server's database. */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { addStaff, STAFF_ROLES, userByEmail } from '../../runtime/identity/accounts.ts';
import { courtById, courtIds } from '../../runtime/identity/courts.ts';
import { endSessionsOf } from '../../runtime/identity/sessions.ts';
import { disabledUsers } from '../../runtime/store/identity-schema.ts';
import { openStore } from '../../runtime/store/open.ts';
import { users } from '../../runtime/store/schema.ts';
import type { Command } from '../main.ts';

const HELP = `Usage :
  greffe users add --email ADRESSE --role ${Object.keys(STAFF_ROLES).join('|')} --court TRIBUNAL [--name "Prénom Nom"] [--db FICHIER]
  greffe users list [--db FICHIER]
  greffe users disable --email ADRESSE [--db FICHIER]

Comptes des agents du tribunal. Ils se connectent avec un code reçu par courriel (ou OpenID Connect).
  --db     base de la plateforme (défaut : data/greffe.sqlite)
  --court  identifiant du tribunal : ${courtIds().join(', ')}
disable met fin à toutes les sessions de la personne et refuse ses connexions.
Code de sortie : 0 si l’opération est faite, 2 si l’appel est incorrect, 1 sinon.`;

export const command: Command = {
  summary: 'comptes des agents du tribunal (add, list, disable)',
  async run(args) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(args);
    } catch (err: unknown) {
      console.error(`greffe users : ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
      return 2;
    }
    const { action, values } = parsed;
    if (values.help || !action) {
      console.log(HELP);
      return values.help ? 0 : 2;
    }
    const store = openStore(values.db ?? 'data/greffe.sqlite');
    try {
      if (action === 'list') {
        const off = new Set(
          store.db
            .select()
            .from(disabledUsers)
            .all()
            .map((d) => d.userId),
        );
        for (const u of store.db.select().from(users).all()) {
          if (u.source === 'dev' || JSON.parse(u.roles).length === 0) continue;
          const state = off.has(u.id) ? 'désactivé' : 'actif';
          console.log(
            `${u.email ?? '-'}\t${JSON.parse(u.roles).join(',')}\t${u.court ?? '-'}\t${u.name}\t${state}`,
          );
        }
        return 0;
      }
      if (!values.email) return usage('indiquez --email.');
      if (action === 'add') {
        const role =
          values.role && Object.hasOwn(STAFF_ROLES, values.role) ? STAFF_ROLES[values.role] : undefined;
        if (!role) return usage(`rôle inconnu « ${values.role ?? ''} ».`);
        if (!values.court || !courtById(values.court))
          return usage(`tribunal inconnu « ${values.court ?? ''} ».`);
        const id = addStaff(store, {
          email: values.email,
          role,
          court: values.court,
          ...(values.name && { name: values.name }),
        });
        store.db.delete(disabledUsers).where(eq(disabledUsers.userId, id)).run();
        console.log(`greffe users : ${values.email} (${role}, ${values.court}) peut se connecter.`);
        return 0;
      }
      if (action === 'disable') {
        const u = userByEmail(store, values.email);
        if (!u) {
          console.error(`greffe users : aucun compte pour ${values.email}.`);
          return 1;
        }
        store.db
          .insert(disabledUsers)
          .values({ userId: u.id, disabledAt: new Date().toISOString() })
          .onConflictDoNothing()
          .run();
        const ended = endSessionsOf(store, u.id);
        console.log(`greffe users : ${values.email} est désactivé (${ended} session(s) terminée(s)).`);
        return 0;
      }
      return usage(`action inconnue « ${action} ».`);
    } finally {
      store.close();
    }
  },
};

function usage(why: string): number {
  console.error(`greffe users : ${why}\n\n${HELP}`);
  return 2;
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      court: { type: 'string' },
      name: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return { action: positionals[0], values };
}
