import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { BUNDLE_CACHE_ENV, bundleHandler, type Bundle, type BundleOptions } from './bundle';

export type LambdaBundleProps = BundleOptions;

/**
 * A handler bundled at synth time into a zip asset of the stack.
 *
 * The asset is the bundle's deterministic zip from the bundle cache (`zip.ts`). The asset hash is the bundle's content hash (not cdktf's default, which hashes file bytes without their names),
 * so `source_code_hash`, and with it the deployed code, changes exactly when the bundled code changes.
 */
export class LambdaBundle extends Construct {
  public readonly asset: TerraformAsset;
  public readonly bundle: Bundle;
  /** Path of the zip relative to the synthesized stack, for `filename`. */
  public readonly path: string;
  public readonly assetHash: string;

  constructor(scope: Construct, id: string, props: LambdaBundleProps) {
    super(scope, id);
    this.bundle = bundleHandler(props);
    // A FILE asset of the cached zip: cdktf only copies it (an ARCHIVE asset would be re-zipped on every synth).
    // LAMBDA_BUNDLE_CACHE=process restores the behaviour before the cache, for `npm run bench -- synth-scale`.
    const before = process.env[BUNDLE_CACHE_ENV] === 'process';
    this.asset = new TerraformAsset(this, 'Asset', {
      path: before ? this.bundle.directory : this.bundle.archive,
      type: before ? AssetType.ARCHIVE : AssetType.FILE,
      assetHash: this.bundle.hash,
    });
    this.path = this.asset.path;
    this.assetHash = this.asset.assetHash;
  }
}
