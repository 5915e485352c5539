// `npm run probe -- <name>`: scripted attacks on a running server, loopback only, bounded in time.
// Each prints its figures and exits 1 when a goal of quality.md is missed.
import { runDoorProbe } from './probe/door-probe.ts';

const probes: Record<string, () => Promise<boolean>> = { door: runDoorProbe };
const name = process.argv[2] ?? '';
const probe = probes[name];
if (!probe) {
  console.error(`usage: npm run probe -- ${Object.keys(probes).join('|')}`);
  process.exit(2);
}
process.exitCode = (await probe()) ? 0 : 1;
