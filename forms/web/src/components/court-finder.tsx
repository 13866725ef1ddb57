/**
 * The court finder (issue 15, point 7): the citizen types the defendant's
 * postcode and reads the tribunal judiciaire that serves it (GET /api/tribunaux),
 * its address, and the paper route (GET /api/tribunaux/voie-papier, from
 * runtime/courts/voie-papier.yaml) — or, when the
 * postcode's communes belong to several courts, picks his commune first. The
 * same markup as the page without JavaScript (runtime/api/court-finder-page.ts).
 * Links are plain links: nothing outside the site is loaded.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../lib/api.ts';
import type { CourtSearch, PaperLink, PaperRoute as PaperRouteView } from '../lib/api-schema.gen.ts';
import { useAsync } from '../lib/use-async.ts';

const Directory = ({ link }: { link: PaperLink }) => <a href={link.href}>{link.label}</a>;

export function PaperRoute({ route }: { route: PaperRouteView }) {
  return (
    <section className="fr-mt-3w" data-testid="voie-papier">
      <h2 className="fr-h5">Saisir ce tribunal sur papier</h2>
      <ul>
        {route.steps.map((s) => (
          <li key={s.text}>
            {s.text}
            {s.link && (
              <>
                {' '}
                Voir <a href={s.link.href}>{s.link.label}</a>.
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Found({ search, directory }: { search: CourtSearch; directory: PaperLink }) {
  const c = search.court;
  if (!c) return null;
  return (
    <>
      <h3 className="fr-h6 fr-mb-1w">{c.name}</h3>
      <address>
        {c.address.lines.map((l) => (
          <span key={l}>
            {l}
            <br />
          </span>
        ))}
        {c.address.postcode} {c.address.city}
      </address>
      <p className="fr-mt-1w">
        {c.hours ? (
          `Horaires d’ouverture du greffe : ${c.hours}`
        ) : (
          <>
            Horaires d’ouverture : renseignez-vous auprès du tribunal (<Directory link={directory} />
            ).
          </>
        )}
      </p>
      <p className="fr-hint-text">
        Communes de ce code postal : {search.communes.map((m) => m.name).join(', ')}. Si la commune du
        défendeur n’y figure pas, consultez <Directory link={directory} />.
      </p>
    </>
  );
}

function Choose({ search, onPick }: { search: CourtSearch; onPick: (insee: string) => void }) {
  const [picked, setPicked] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (picked) onPick(picked);
      }}
    >
      <fieldset className="fr-fieldset" aria-labelledby={`${id}-legend`}>
        <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
          Les communes du code postal {search.postcode} ne relèvent pas toutes du même tribunal : choisissez
          la commune du défendeur.
        </legend>
        {search.communes.map((c) => (
          <div className="fr-fieldset__element" key={c.insee}>
            <div className="fr-radio-group">
              <input
                type="radio"
                id={`${id}-${c.insee}`}
                name="commune"
                value={c.insee}
                checked={picked === c.insee}
                onChange={() => setPicked(c.insee)}
              />
              <label className="fr-label" htmlFor={`${id}-${c.insee}`}>
                {c.name}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="fr-btn">
        Voir le tribunal de cette commune
      </button>
    </form>
  );
}

/** The postcode field and what it finds; `heading` when shown inside another page's answer. */
export function CourtFinder({
  heading = true,
  initial = '',
  initialCommune,
}: {
  heading?: boolean;
  /** A postcode (and commune) from the page's address: looked up at once. */
  initial?: string;
  initialCommune?: string;
}) {
  const [postcode, setPostcode] = useState(initial);
  // The search's answer comes with the paper route it is shown with (asked once, the same for every court).
  const [search, setSearch] = useState<{ found: CourtSearch; route: PaperRouteView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paper] = useAsync(() => api.paperRoute(), []);
  const intro = paper.status === 'done' ? paper.value : null;
  const id = useId();
  const look = async (code: string, commune?: string) => {
    setError(null);
    try {
      const [found, route] = await Promise.all([api.courts(code, commune), api.paperRoute()]);
      setSearch({ found, route });
    } catch (e: unknown) {
      setSearch(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the address the page was opened with.
  useEffect(() => {
    if (initial) void look(initial, initialCommune);
  }, []);
  return (
    <>
      <form
        className="fr-mt-2w"
        data-testid="recherche-tribunal"
        onSubmit={(e) => {
          e.preventDefault();
          void look(postcode);
        }}
      >
        {heading && <h2 className="fr-h6 fr-mb-1w">Trouver le tribunal compétent</h2>}
        <p>
          {intro
            ? `${intro.intro} ${intro.whichCourt.text}`
            : 'Trouvez le tribunal judiciaire à partir du code postal du défendeur.'}
        </p>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-cp`}>
            Code postal du défendeur
            <span className="fr-hint-text">5 chiffres, par exemple 23000</span>
          </label>
          <input
            className="fr-input"
            id={`${id}-cp`}
            name="code_postal"
            value={postcode}
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={6}
            onChange={(e) => setPostcode(e.target.value)}
          />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary">
          Trouver le tribunal
        </button>
      </form>
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">
        {search && (
          <>
            <div className="fr-alert fr-alert--info fr-mt-2w" data-testid="tribunal-competent">
              <h2 className="fr-alert__title">
                {search.found.status === 'trouve'
                  ? 'Le tribunal compétent'
                  : `Code postal ${search.found.postcode}`}
              </h2>
              {search.found.status === 'invalide' && (
                <p className="fr-error-text">Indiquez un code postal de 5 chiffres.</p>
              )}
              {search.found.status === 'inconnu' && (
                <p>
                  Le code postal {search.found.postcode} n’est pas encore couvert par nos données sur les
                  tribunaux. Trouvez le tribunal judiciaire de la commune du défendeur sur{' '}
                  <Directory link={search.route.directory} />.
                </p>
              )}
              {search.found.status === 'choisir' && (
                <Choose
                  key={search.found.postcode}
                  search={search.found}
                  onPick={(insee) => void look(search.found.postcode, insee)}
                />
              )}
              {search.found.status === 'trouve' && (
                <Found search={search.found} directory={search.route.directory} />
              )}
            </div>
            {search.found.status === 'trouve' && <PaperRoute route={search.route} />}
          </>
        )}
      </div>
    </>
  );
}
