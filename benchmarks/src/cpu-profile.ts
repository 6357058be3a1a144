/**
 * `BENCH_SERVICE_NODE_OPTIONS="--require ./benchmarks/dist/cpu-profile.js"`: a CPU profile of the
 * service from start to SIGTERM (or exit), written to CPU_PROF_DIR (default: the working directory)
 * (`--cpu-prof` itself is not allowed in NODE_OPTIONS). Open it in Chrome's DevTools.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
let written = false;
/** A session on the process's own thread answers synchronously: the file is written at once. */
function writeProfile(): void {
  if (written) return;
  written = true;
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = join(process.env.CPU_PROF_DIR ?? '.', `service-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
}
// At SIGTERM, the work measured is over; the service's own handler still shuts it down (a shutdown
// that outlives the benchmark's grace period ends in SIGKILL, which no handler sees).
process.once('SIGTERM', writeProfile);
process.once('exit', writeProfile);
