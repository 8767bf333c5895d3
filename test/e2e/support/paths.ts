// The repository root, from the compiled location out/test/e2e/support/ (four levels up).
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
