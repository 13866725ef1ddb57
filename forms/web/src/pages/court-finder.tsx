/**
 * /trouver-un-tribunal[?code_postal=…&commune=…]: the court finder on its own
 * page, the address the questionnaire without JavaScript links to (the server
 * renders it first: runtime/api/court-finder-page.ts).
 */
import { PageTitle } from '../components/page.tsx';
import { CourtFinder } from '../components/court-finder.tsx';
import { queryParam, usePath } from '../lib/router.ts';

export function CourtFinderPage() {
  const path = usePath();
  return (
    <>
      <PageTitle>Trouver le tribunal compétent</PageTitle>
      <CourtFinder
        heading={false}
        initial={queryParam(path, 'code_postal') ?? ''}
        initialCommune={queryParam(path, 'commune')}
      />
    </>
  );
}
