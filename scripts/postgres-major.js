// Prints the major version of the PostgreSQL server at the given URL, or exits
// non-zero with the reason. Used by test-suite.sh to decide whether the
// PostgreSQL cases can run.
const { Client } = require('pg');

async function main() {
  const client = new Client({
    connectionString: process.argv[2],
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version_num');
    process.stdout.write(
      String(Math.floor(Number(rows[0].server_version_num) / 10000)),
    );
  } finally {
    await client.end();
  }
}

main().catch(error => {
  process.stderr.write(error.message || String(error));
  process.exit(1);
});
