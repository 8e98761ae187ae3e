#!/usr/bin/env node
// CI's dependency check: `npm audit --omit=dev --audit-level=high` fails the run on any high or
// critical advisory in what production installs. When the advisory service cannot be reached
// (some registry mirrors answer its bulk endpoint with 405), that is said loudly and the run goes
// on (AUDIT_REQUIRED=1 makes it fail instead); the recorded floors below are checked either way,
// so a known-vulnerable version of the live stack never passes unnoticed.
import { spawnSync } from 'node:child_process';

/** Lowest versions without the advisories known to this project (see shared PITFALLS). */
const FLOORS = {
  'socket.io': '4.6.2',
  'socket.io-parser': '4.2.7',
  'engine.io': '6.6.10',
  ws: '8.21.1',
};

const npm = (args) => spawnSync('npm', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const parse = (s) => {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
};
const cmp = (a, b) => {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
};

let failed = false;

// ---------------------------------------------------------------- npm audit
const audit = npm(['audit', '--omit=dev', '--audit-level=high', '--json']);
const report = parse(audit.stdout);
if (report?.metadata?.vulnerabilities) {
  const v = report.metadata.vulnerabilities;
  const serious = (v.high ?? 0) + (v.critical ?? 0);
  if (serious > 0) {
    failed = true;
    console.error(`npm audit: ${v.critical ?? 0} critical and ${v.high ?? 0} high advisories in production dependencies:`);
    for (const [name, info] of Object.entries(report.vulnerabilities ?? {})) {
      if (info.severity !== 'high' && info.severity !== 'critical') continue;
      const titles = (info.via ?? []).filter((x) => typeof x === 'object').map((x) => x.title);
      console.error(`  ${info.severity.padEnd(8)} ${name} ${info.range ?? ''} ${titles.join('; ')}`);
    }
    console.error('Fix with `npm audit fix --omit=dev` or bump the package, then commit package-lock.json.');
  } else {
    console.log(`npm audit: no high or critical advisories (low ${v.low ?? 0}, moderate ${v.moderate ?? 0}).`);
  }
} else {
  const why = report?.message ?? (audit.stderr || audit.stdout || `exit ${audit.status}`).trim().split('\n').pop();
  console.warn(`WARNING: npm audit could not run against the advisory service: ${why}`);
  console.warn('         Only the recorded floors below are checked. Run `npm audit --omit=dev` where the service is reachable.');
  if (process.env.AUDIT_REQUIRED === '1') failed = true;
}

// ---------------------------------------------------------------- floors
const ls = parse(npm(['ls', ...Object.keys(FLOORS), 'next', '--all', '--json']).stdout) ?? {};
const found = new Map();
(function walk(deps) {
  for (const [name, node] of Object.entries(deps ?? {})) {
    if (node.version) {
      if (!found.has(name)) found.set(name, new Set());
      found.get(name).add(node.version);
    }
    walk(node.dependencies);
  }
})(ls.dependencies);
for (const [name, floor] of Object.entries(FLOORS)) {
  const versions = [...(found.get(name) ?? [])];
  const low = versions.filter((v) => cmp(v, floor) < 0);
  if (low.length) {
    failed = true;
    console.error(`${name} ${low.join(', ')} is below the floor ${floor}: bump it (npm install ${name}@^${floor} or update its parent).`);
  } else if (versions.length) {
    console.log(`${name} ${versions.join(', ')} >= ${floor}`);
  }
}
// Next: its newest patch of the installed minor (security fixes land in patches).
for (const installed of found.get('next') ?? []) {
  const [major, minor] = installed.split('.');
  const view = npm(['view', `next@~${major}.${minor}.0`, 'version', '--json']);
  const list = parse(view.stdout);
  const versions = (Array.isArray(list) ? list : list ? [list] : []).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  const newest = versions.sort(cmp).at(-1);
  if (!newest) console.warn(`WARNING: could not look up the newest next@${major}.${minor}.x (${view.stderr.trim().split('\n').pop() ?? ''})`);
  else if (cmp(installed, newest) < 0) console.warn(`WARNING: next ${installed} is not the newest patch ${newest}: npm install next@${newest}`);
  else console.log(`next ${installed} is the newest ${major}.${minor}.x patch`);
}

process.exit(failed ? 1 : 0);
