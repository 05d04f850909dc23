/**
 * Resolves once `condition` holds, checking it every `everyMs`. It has no deadline of its own: jest's time-out
 * (jest.config.js) catches a condition that never holds, so a slow or busy machine only makes the wait longer. Tests
 * wait for what they need to see, never for a time they guess is long enough.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, everyMs = 20): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
