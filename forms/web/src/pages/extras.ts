/**
 * What a citizen's pages show only now and then, in one chunk loaded on
 * demand: the footer's pages (accessibility statement, legal notice…), the
 * court finder (shown on an ineligible answer, and on its own page) and the
 * conversation of a confidential exchange, « Mon calendrier ». They are never on the way to
 * filing; one lazy entry instead of four keeps the chunks the first screens
 * share with them few (each one more request, ~0.8 KB of headers, on a slow
 * line).
 */
export { ThreadSection } from '../components/thread.tsx';
export { CourtFinder } from '../components/court-finder.tsx';
export { MyCalendar } from '../components/my-calendar.tsx';
export { CourtFinderPage } from './court-finder.tsx';
export { AccessibilityPage } from './info/accessibility.tsx';
export { ContactPage } from './info/contact.tsx';
export { LegalNoticePage } from './info/legal-notice.tsx';
export { PersonalDataPage } from './info/personal-data.tsx';
export { SiteMapPage } from './info/site-map.tsx';
