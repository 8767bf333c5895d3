// Mocha reporter: the usual spec output, plus a JSON tally (passed/failed/pending and each test's full
// title and state) written to $TALLY_FILE, so scripts/test-all.mjs can total every tier in one line.
const Mocha = require('mocha');
const fs = require('node:fs');
const path = require('node:path');

class TallyReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const tests = [];
    runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, err) => tests.push({ title: t.fullTitle(), state: 'failed', error: String(err && err.message || err) }));
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    runner.once('end', () => {
      const file = process.env.TALLY_FILE;
      if (!file) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ tests }, null, 1));
    });
  }
}
module.exports = TallyReporter;
