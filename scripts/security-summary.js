// Prints the security suite's counts (test/security/support/tally.ts): probes tried and handled, per category.
const fs = require('node:fs');
const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('security suite: no probes recorded');
  process.exit(0);
}
const byCategory = new Map();
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const { category, handled } = JSON.parse(line);
  const c = byCategory.get(category) ?? { tried: 0, handled: 0 };
  c.tried += 1;
  if (handled) c.handled += 1;
  byCategory.set(category, c);
}
let tried = 0;
let handled = 0;
console.log('security suite (test/security): probes tried / handled');
for (const [category, c] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`  ${category.padEnd(32)} ${String(c.tried).padStart(6)} / ${String(c.handled).padStart(6)}`);
  tried += c.tried;
  handled += c.handled;
}
console.log(`security suite: ${tried} tried, ${handled} handled`);
