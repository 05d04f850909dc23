const { ensureBundles } = require('./prebundled-packages');

/** jest's `globalSetup`: builds, once per install, the bundles `moduleNameMapper` points at (./prebundled-packages.js). */
module.exports = async function globalSetup() {
  ensureBundles();
};
