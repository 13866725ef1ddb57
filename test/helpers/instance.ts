/**
 * One server instance in a process of its own (test/multi-instance.test.ts):
 * `node --import tsx test/helpers/instance.ts '<json ServerOptions>'`. Prints
 * `url <address>` once listening, stops on SIGTERM.
 */
import { startServer } from '../../runtime/server.ts';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startServer({ ...options, log: () => undefined });
console.log(`url ${server.url}`);
process.once('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
