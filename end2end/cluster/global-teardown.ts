import { cluster } from './helpers';

/** Stops what globalSetup started (E2E_CLUSTER_KEEP=1 leaves it running to look at). */
export default async function globalTeardown() {
  if (process.env.E2E_CLUSTER_KEEP === '1') {
    console.log(`cluster kept running: CLUSTER_DIR=${process.env.CLUSTER_DIR} scripts/cluster.sh down stops it`);
    return;
  }
  cluster('down');
}
