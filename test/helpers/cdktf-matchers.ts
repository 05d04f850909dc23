import { setupJest } from 'cdktf/lib/testing/adapters/jest';

/**
 * Registers cdktf's matchers (toHaveResourceWithProperties, ...) on jest's expect. Imported by the test files that use
 * them, not set up for every file: the others would load cdktf for nothing.
 */
setupJest();
