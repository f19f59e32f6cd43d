import { benchLive } from './live';
import { writeResults } from './harness';
import { benchRead } from './read';

/** `npm run bench`: the read benchmark on both engines at every default size, then the live fan-out; one JSON file. */
async function main() {
  const started = Date.now();
  const read = await benchRead();
  const readSeconds = Math.round((Date.now() - started) / 1000);
  const live = await benchLive();
  const totalSeconds = Math.round((Date.now() - started) / 1000);
  console.log(`\nread ${readSeconds} s, live ${totalSeconds - readSeconds} s, in all ${totalSeconds} s`);
  console.log(`wrote ${writeResults({ read, live, durationSeconds: { read: readSeconds, live: totalSeconds - readSeconds, total: totalSeconds } })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
