/**
 * `BENCH_SERVICE_NODE_OPTIONS="--require ./benchmarks/dist/cpu-profile.js"`: a CPU profile of the
 * service from start to exit, written to CPU_PROF_DIR (default: the working directory) as it stops
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
process.on('exit', () => {
  // A session on the process's own thread answers synchronously: the file is written before it ends.
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const file = join(process.env.CPU_PROF_DIR ?? '.', `service-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
  });
});
