import { fileURLToPath } from 'node:url';

/** The gantry launcher, which `up` runs again as the background `serve` process. */
export const CLI_ENTRY = fileURLToPath(new URL('../../../bin/gantry.js', import.meta.url));

/** The control plane installer shipped in the repository. */
export const INSTALLER = fileURLToPath(new URL('../../../scripts/install-control-plane.sh', import.meta.url));
