import { setupJest } from 'cdktf/lib/testing/adapters/jest';

/** Registers cdktf's matchers (toHaveResourceWithProperties, ...) on jest's expect. */
setupJest();
