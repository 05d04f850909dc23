/**
 * ESLint (flat config): JavaScript's recommended rules and typescript-eslint's recommended rules, without type
 * information (fast; `npm run typecheck` does the type checking), tuned to what the tree follows today. Formatting
 * is Prettier's job (`npm run format:check`), so no stylistic rule is enabled here. Import boundaries are
 * dependency-cruiser's (`npm run lint:boundaries`, docs/boundaries.md).
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: ['node_modules/', 'cdktf.out/', '.gen/', 'coverage/', 'bench-results/', '**/.*/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      // Unused names that start with _ are deliberate (destructuring a field away, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Tests and synthesized-JSON readers use `any` on purpose; product code is held by `strict` tsc instead.
      '@typescript-eslint/no-explicit-any': 'off',
      // The ServiceNow scripts and CommonJS config files use require().
      '@typescript-eslint/no-require-imports': 'off',
      // Validators match control characters on purpose (names, expressions, header values).
      'no-control-regex': 'off',
      // New in ESLint 10's recommended set; the tree predates them. Warnings, so they surface when a file is next edited.
      'preserve-caught-error': 'warn',
      'no-useless-assignment': 'warn',
      'no-useless-escape': 'warn',
      '@typescript-eslint/no-unused-expressions': 'warn',
    },
  },
  {
    // ServiceNow server-side scripts run in the instance's Rhino/GraalJS scope, with its globals; each script
    // include declares its class as a global other scripts use.
    files: ['servicenow/scripts/**/*.js'],
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
    languageOptions: {
      sourceType: 'script',
      globals: {
        Class: 'readonly',
        gs: 'readonly',
        GlideRecord: 'readonly',
        sn_ws: 'readonly',
        GlideDigest: 'readonly',
        GlideCertificateEncryption: 'readonly',
        GlideDateTime: 'readonly',
        JmlBridgeClient: 'readonly',
        current: 'readonly',
      },
    },
  },
);
