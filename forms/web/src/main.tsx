/** Entry point of the web app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadFontsOnce } from './lib/fonts.ts';
import { SessionProvider } from './lib/session.tsx';

const root = document.getElementById('app');
if (!root) throw new Error('Élément #app absent de index.html');
// Pages without data to wait for still get their fonts once everything else is in.
window.addEventListener('load', () => setTimeout(loadFontsOnce, 2000), { once: true });
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
