// Prints what the suite ran, from Jest's and Playwright's JSON reports: how many
// database cases ran on each engine (so a PostgreSQL run that silently skipped
// is visible) and one closing line, "Tests: N passed, N failed, N skipped".
const fs = require('node:fs');

const [jestReport, playwrightReport] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const engines = { SQLITE_3: 0, POSTGRES: 0 };

if (jestReport && fs.existsSync(jestReport)) {
  const jest = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  skipped += jest.numPendingTests + jest.numTodoTests;
  for (const file of jest.testResults) {
    for (const test of file.assertionResults) {
      if (test.status !== 'passed') continue;
      const name = [...test.ancestorTitles, test.title].join(' ');
      if (/\bSQLITE_3\b/.test(name)) engines.SQLITE_3++;
      if (/\bPOSTGRES_\d+\b/.test(name)) engines.POSTGRES++;
    }
  }
  console.log(
    `Database test cases passed: ${engines.SQLITE_3} on SQLite, ${engines.POSTGRES} on PostgreSQL`,
  );
}

if (playwrightReport && fs.existsSync(playwrightReport)) {
  const pw = JSON.parse(fs.readFileSync(playwrightReport, 'utf8'));
  const s = pw.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  console.log(
    `Browser tests: ${s.expected ?? 0} passed, ${s.unexpected ?? 0} failed, ${
      s.flaky ?? 0
    } flaky`,
  );
}

console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
