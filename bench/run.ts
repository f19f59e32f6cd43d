import { benchLive } from './live';
import { writeResults } from './harness';
import { benchRead } from './read';
import { benchStartup } from './startup';

/** `npm run bench`: start-up on a new database, the read benchmark on both engines at every default size, then the live fan-out; one JSON file. */
async function main() {
  const started = Date.now();
  const startup = await benchStartup();
  const read = await benchRead();
  const readSeconds = Math.round((Date.now() - started) / 1000);
  const live = await benchLive();
  const totalSeconds = Math.round((Date.now() - started) / 1000);
  console.log(`\nstart-up and read ${readSeconds} s, live ${totalSeconds - readSeconds} s, in all ${totalSeconds} s`);
  console.log(`wrote ${writeResults({ startup, read, live, durationSeconds: { read: readSeconds, live: totalSeconds - readSeconds, total: totalSeconds } })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
