/**
 * Injected first into the bundle when React's API is served by Preact
 * (forms/web/build.ts). Preact runs `useEffect` after the next animation frame
 * (or 35 ms later); React runs it in a task right after the commit. Frames
 * never come while a page is hidden or its clock is paused (the browser tests
 * pause it), and the data a page fetches from an effect would wait for them:
 * effects here run as React's do, in a message-channel task.
 */
import { options } from 'preact';

const channel = new MessageChannel();
let queued: (() => void)[] = [];
channel.port1.onmessage = () => {
  const run = queued;
  queued = [];
  for (const callback of run) callback();
};
(options as { requestAnimationFrame?: (callback: () => void) => void }).requestAnimationFrame = (
  callback,
) => {
  queued.push(callback);
  if (queued.length === 1) channel.port2.postMessage(null);
};
