import { benchLive } from './live';
import { writeResults } from './harness';
import { benchRead } from './read';

/** `npm run bench`: the read benchmark on both engines at every default size, then the live fan-out; one JSON file. */
async function main() {
  const read = await benchRead();
  const live = await benchLive();
  console.log(`\nwrote ${writeResults({ read, live })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
