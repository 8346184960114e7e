// Test runner settings: real servers are slow to start, so tests get generous timeouts and run files in parallel forks.
import { defineConfig } from 'vitest/config';

/** Tests that type into a real terminal (tmux) and race real time on 2 cores: the only ones retried, once. */
const TERMINAL_TESTS = ['test/e2e/repl.test.ts', 'test/e2e/iam-reauth.test.ts', 'test/e2e/silent-node-shell.test.ts', 'test/e2e/line-editor.test.ts', 'test/e2e/line-editor-vs-redis-cli.test.ts', 'test/e2e/demo.test.ts', 'test/e2e/pager.test.ts', 'test/e2e/ldb.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'], exclude: TERMINAL_TESTS, retry: 0 } },
      // A real regression still fails: it fails twice.
      { extends: true, test: { name: 'terminal', include: TERMINAL_TESTS, retry: 1 } },
    ],
  },
});
