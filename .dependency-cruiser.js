/**
 * Import boundaries of the repository, checked by `npm run lint:boundaries` (part of `npm test`).
 * Why each rule exists: docs/boundaries.md. Paths are relative to the repository root.
 */
const INFRA = '^(stacks|constructs|guardrails|config)/';
const TEST_TREES = '^(test|bridge/test|simulators/test)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'infrastructure-imports-only-the-bridge-contract',
      comment:
        'Stacks, constructs, guardrails and config take what they need from the bridge through bridge/contract (data only), never its runtime or development code.',
      severity: 'error',
      from: { path: INFRA },
      to: { path: '^bridge/(?!contract/)' },
    },
    {
      name: 'bridge-contract-is-data-only',
      comment:
        'bridge/contract is plain data and pure functions: it imports nothing outside itself (no SDK, no zod, no handler code) but node:crypto for hashing.',
      severity: 'error',
      from: { path: '^bridge/contract/' },
      to: { pathNot: '^(bridge/contract/|(node:)?crypto$)' },
    },
    {
      name: 'bridge-product-stays-product',
      comment: 'What ships in a Lambda bundle never loads development tooling, simulators, root configuration, tools, benches, tests or published docs.',
      severity: 'error',
      from: { path: '^bridge/src/' },
      to: { path: '^(simulators|config|bridge/dev|bridge/test|tools|bench|test|scripts|stacks|constructs|guardrails|docs)/' },
    },
    {
      name: 'bridge-domain-has-no-aws-sdk',
      comment: 'The domain and its ports are independent of AWS; only adapters (and the composition that wires them) load an SDK.',
      severity: 'error',
      from: { path: '^bridge/src/(domain|ports)/' },
      to: { path: 'node_modules/(@aws-sdk|@okta)/' },
    },
    {
      name: 'infrastructure-has-no-tooling',
      comment:
        'Synth never loads scripts, tools, benches or simulators: what they share with the infrastructure lives in a data module the infrastructure owns.',
      severity: 'error',
      from: { path: INFRA },
      to: { path: '^(scripts|tools|bench|simulators)/' },
    },
    {
      name: 'constructs-do-not-know-stacks',
      comment: 'A construct is reusable by any stack; it never reaches up into one.',
      severity: 'error',
      from: { path: '^(constructs|guardrails)/' },
      to: { path: '^stacks/' },
    },
    {
      name: 'simulators-are-independent',
      comment: 'The Okta and ServiceNow simulators stand in for the real services, so they know nothing of the bridge or the infrastructure.',
      severity: 'error',
      from: { path: '^simulators/', pathNot: TEST_TREES },
      to: { path: '^(bridge|stacks|constructs|guardrails|config|tools|bench|scripts)/' },
    },
    {
      name: 'only-tests-import-tests',
      comment:
        'Test trees are not libraries: shared test and bench helpers live in bridge/dev/harness or test/helpers and are imported from test trees only (and jest.config.js, from its own plumbing in test/jest).',
      severity: 'error',
      from: { pathNot: [TEST_TREES, '^jest\\.config\\.js$'] },
      to: { path: TEST_TREES },
    },
    {
      name: 'framework-behind-infrastructure',
      comment:
        'cdktf / constructs are imported only by the infrastructure (and its tools and tests), so moving to the cdktn fork touches a few obvious modules (docs/cdktn-exit-plan.md).',
      severity: 'error',
      from: { path: '^(bridge|simulators)/' },
      to: { path: 'node_modules/(cdktf|@cdktf|constructs)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdktf\\.out|coverage|\\.[^/]+)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    moduleSystems: ['cjs', 'es6'],
    // Reuses the last cruise when no file changed (by content), as tsc's .tsbuildinfo does for the type check.
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
