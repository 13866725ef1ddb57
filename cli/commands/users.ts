/** `greffe users add|list|disable`: court staff accounts, made by an operator on the server's database. */
import { loadCatalog } from '../../runtime/catalog.ts';
import { addStaff, staffRoles, userByEmail } from '../../runtime/identity/accounts.ts';
import { courtById, courtIds } from '../../runtime/identity/courts.ts';
import { openCaseStore } from '../../runtime/store/open-any.ts';
import { type Command, parseCommand, usageError } from '../command.ts';

const HELP = `Usage :
  greffe users add --email ADRESSE --role RÔLE --court TRIBUNAL [--name "Prénom Nom"] [--db FICHIER] [--spec DOSSIER]
  greffe users list [--db FICHIER]
  greffe users disable --email ADRESSE [--db FICHIER]

Comptes des agents du tribunal. Ils se connectent avec un code reçu par courriel (ou OpenID Connect).
  --db     base de la plateforme : fichier SQLite (défaut : data/greffe.sqlite) ou postgres://…
  --role   un rôle de juridiction des procédures de --spec (défaut : spec/procedures), par exemple
           son identifiant ou son premier mot s’il est seul à commencer ainsi
  --court  identifiant du tribunal : ${courtIds().join(', ')}
disable met fin à toutes les sessions de la personne et refuse ses connexions.
Code de sortie : 0 si l’opération est faite, 2 si l’appel est incorrect, 1 sinon.`;

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  court: { type: 'string' },
  name: { type: 'string' },
  db: { type: 'string' },
  data: { type: 'string' },
  spec: { type: 'string' },
} as const;

export const command: Command = {
  summary: 'comptes des agents du tribunal (add, list, disable)',
  async run(args) {
    const parsed = parseCommand('users', HELP, OPTIONS, args, { positionals: true });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const [action, ...extra] = positionals;
    if (!action) return usage('indiquez une action : add, list ou disable.');
    if (!['add', 'list', 'disable'].includes(action))
      return usage(`action inconnue « ${action} » (add, list ou disable).`);
    if (extra.length > 0) return usage(`argument inattendu « ${extra[0]} ».`);
    const store = await openCaseStore(values.db ?? 'data/greffe.sqlite', {
      ...(values.data !== undefined && { dataDir: values.data }),
    });
    try {
      if (action === 'list') {
        for (const { user: u, disabled } of await store.listUsers()) {
          if (u.source === 'dev' || JSON.parse(u.roles).length === 0) continue;
          const state = disabled ? 'désactivé' : 'actif';
          console.log(
            `${u.email ?? '-'}\t${JSON.parse(u.roles).join(',')}\t${u.court ?? '-'}\t${u.name}\t${state}`,
          );
        }
        return 0;
      }
      if (!values.email) return usage('indiquez --email.');
      if (action === 'add') {
        const roles = staffRoles(loadCatalog(values.spec ?? 'spec/procedures').procedures);
        const role = values.role ? roles.get(values.role) : undefined;
        if (!role)
          return usage(`rôle inconnu « ${values.role ?? ''} » (rôles : ${[...roles.keys()].join(', ')}).`);
        if (!values.court || !courtById(values.court))
          return usage(`tribunal inconnu « ${values.court ?? ''} ».`);
        const id = await addStaff(store, {
          email: values.email,
          role,
          court: values.court,
          ...(values.name && { name: values.name }),
        });
        await store.setDisabled(id, null);
        console.log(`greffe users : ${values.email} (${role}, ${values.court}) peut se connecter.`);
        return 0;
      }
      if (action === 'disable') {
        const u = await userByEmail(store, values.email);
        if (!u) {
          console.error(`greffe users : aucun compte pour ${values.email}.`);
          return 1;
        }
        const ended = await store.setDisabled(u.id, new Date().toISOString());
        console.log(`greffe users : ${values.email} est désactivé (${ended} session(s) terminée(s)).`);
        return 0;
      }
      return usage(`action inconnue « ${action} ».`);
    } finally {
      await store.close();
    }
  },
};

function usage(why: string): number {
  return usageError('users', why, HELP);
}
