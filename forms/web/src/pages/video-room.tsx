/**
 * `/affaires/:id/visio`: the way into the case's video room, the address the
 * hearing notices give. The server signs a link for the reader now (GET
 * /api/visio/:id, valid a few hours), and the browser goes there.
 */
import { useEffect } from 'react';
import { Loaded, PageTitle } from '../components/page.tsx';
import { api } from '../lib/api.ts';
import { Link } from '../lib/router.ts';
import { useAsync } from '../lib/use-async.ts';

export function VideoRoomPage({ caseId }: { caseId: string }) {
  const [link] = useAsync(() => api.videoLink(caseId), [caseId]);
  useEffect(() => {
    if (link.status === 'done') window.location.assign(link.value.url);
  }, [link]);
  return (
    <>
      <PageTitle>Salle d’audience en ligne</PageTitle>
      <Loaded state={link} what="Ouverture de la salle d’audience en ligne">
        {(l) => (
          <p>
            Ouverture de la salle… Si rien ne se passe,{' '}
            <a href={l.url} data-testid="lien-salle">
              rejoignez la salle d’audience en ligne
            </a>
            .
          </p>
        )}
      </Loaded>
      <p>
        <Link to={`/affaires/${caseId}`}>Retour à l’affaire</Link>
      </p>
    </>
  );
}
