// The package version, sent as X-Skill-Version. Read from package.json at build time (esbuild inlines only
// this field; tsc copies package.json next to the compiled tests).
import { version as packageVersion } from '../../package.json';

export const PACKAGE_VERSION: string = packageVersion;
