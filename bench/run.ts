import { benchLive } from './live';
import { benchRead } from './read';

/** `npm run bench`: every benchmark, one after the other. */
async function main() {
  await benchRead();
  await benchLive();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
