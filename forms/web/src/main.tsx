/** Entry point of the web app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadFontsOnce } from './lib/fonts.ts';
import { captureServerForm } from './lib/server-form.ts';
import { SessionProvider } from './lib/session.tsx';

const root = document.getElementById('app');
if (!root) throw new Error('Élément #app absent de index.html');
// Pages without data to wait for still get their fonts once everything else is in.
window.addEventListener('load', () => setTimeout(loadFontsOnce, 2000), { once: true });
// What was typed into a server-rendered form (the questionnaire without JavaScript) before this script ran:
// read now, the app is about to replace that markup (its page takes the values over).
captureServerForm();
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
