// Preloaded into a benchmarked process: on exit, writes its peak resident memory to the file
// named by GLIDEPATH_BENCH_USAGE, so the benchmark sees the whole process, not the parent.
import { writeFileSync } from 'node:fs';

const target = process.env.GLIDEPATH_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
