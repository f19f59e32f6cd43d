import { benchLive } from './live';
import { writeResults } from './harness';
import { benchRead } from './read';
import { benchStartup } from './startup';

/** `npm run bench`: start-up on a new database, the read benchmark on both engines at every default size, then the live fan-out; one JSON file. */
async function main() {
  const started = Date.now();
  const seconds = (from: number, to = Date.now()) => Math.round((to - from) / 1000);
  const startup = await benchStartup();
  const readStarted = Date.now();
  const read = await benchRead();
  const liveStarted = Date.now();
  const live = await benchLive();
  const durationSeconds = { startup: seconds(started, readStarted), read: seconds(readStarted, liveStarted), live: seconds(liveStarted), total: seconds(started) };
  console.log(`\nstart-up ${durationSeconds.startup} s, read ${durationSeconds.read} s, live ${durationSeconds.live} s, in all ${durationSeconds.total} s`);
  console.log(`wrote ${writeResults({ startup, read, live, durationSeconds })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
