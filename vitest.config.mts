// Test runner settings: real servers are slow to start, so tests get generous timeouts and run files in parallel forks.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Terminal (tmux) and process tests race real time on 2 cores; one retry keeps a slow moment from failing CI.
    // A real regression still fails: it fails twice.
    retry: 1,
  },
});
