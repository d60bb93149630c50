import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startRedisServer, type RedisServerProcess } from '../../src/infra/redis-server-process.js';

const run = promisify(execFile);

/** A three-master Redis Cluster on loopback (Debian's redis-server in cluster mode), AOF on. */
export interface TestCluster {
  urls: string[];
  nodes: RedisServerProcess[];
  /** Stops one master and starts it again on the same port and data (its nodes.conf keeps its slots). */
  restart(index: number): Promise<void>;
  waitHealthy(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

const clusterArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'];

export async function startTestCluster(): Promise<TestCluster> {
  const root = mkdtempSync(join(tmpdir(), 'hilo-cluster-'));
  const dirs = [0, 1, 2].map((i) => join(root, `n${i}`));
  const nodes = await Promise.all(dirs.map((dir) => startRedisServer({ dir, appendonly: true, args: clusterArgs })));
  await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 20_000 });
  const cluster: TestCluster = {
    urls: nodes.map((n) => n.url),
    nodes,
    async restart(index) {
      const node = nodes[index] as RedisServerProcess;
      await node.stop();
      nodes[index] = await startRedisServer({ dir: dirs[index] as string, port: node.port, appendonly: true, args: clusterArgs });
    },
    async waitHealthy(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const infos = await Promise.all(
          nodes.map((n) => run('redis-cli', ['-p', String(n.port), 'cluster', 'info']).then((r) => r.stdout, () => '')),
        );
        if (infos.every((info) => info.includes('cluster_state:ok') && info.includes('cluster_slots_ok:16384'))) return;
        if (Date.now() > deadline) throw new Error(`cluster not healthy:\n${infos.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async dispose() {
      await Promise.all(nodes.map((n) => n.stop()));
      rmSync(root, { recursive: true, force: true });
    },
  };
  await cluster.waitHealthy();
  return cluster;
}
