/** The footer's pages, in one chunk loaded on demand: they are read rarely, and never on the way to filing. */
export { AccessibilityPage } from './accessibility.tsx';
export { ContactPage } from './contact.tsx';
export { LegalNoticePage } from './legal-notice.tsx';
export { PersonalDataPage } from './personal-data.tsx';
export { SiteMapPage } from './site-map.tsx';
