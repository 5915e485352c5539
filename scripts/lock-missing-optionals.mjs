// The registry this project installs from serves only some platforms' builds of a few optional
// native packages (msgpackr-extract's darwin/win32/arm ones answer 404), so `npm install` leaves
// them out of package-lock.json and `npm ci` then refuses the lock as out of sync. This adds the
// missing platform entries (optional, os/cpu-restricted: never fetched on another platform).
// Run it after `npm install` changes the lock: `node scripts/lock-missing-optionals.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `${key ? `${key}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[at] || packages[hoisted]) continue;
    const platform = /-(darwin|linux|win32|freebsd|android)-(arm64|x64|arm|ia32)(?:-|$)/.exec(name);
    if (!platform) continue;
    packages[hoisted] = { version, cpu: [platform[2]], license: 'MIT', optional: true, os: [platform[1]] };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} missing optional platform entr${added === 1 ? 'y' : 'ies'}`);
