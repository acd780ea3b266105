import { cluster } from './helpers';

/** Starts a fresh cluster: scripts/cluster.sh up, with the settings the config put in the env. */
export default async function globalSetup() {
  cluster('up', { fresh: true });
}
