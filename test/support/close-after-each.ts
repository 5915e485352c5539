// What a test opens (a sandbox, a server, a connection) is closed after it, the last opened first,
// whether the test passed or not.
import { afterEach } from 'vitest';

export type Closing = <T extends { close(): unknown }>(opened: T) => T;

/** Call once per file or describe block; pass each thing a test opens through the function it returns. */
export function closeAfterEach(): Closing {
  const opened: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
  });
  return (o) => {
    opened.push(o);
    return o;
  };
}
