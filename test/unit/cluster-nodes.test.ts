// CLUSTER NODES parsing: roles, slot ranges (migrations ignored), hostnames, unusable nodes, the querying node.
import { describe, expect, it } from 'vitest';
import { parseClusterNodes } from '../../src/session/cluster-nodes.js';

const TEXT = [
  '07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,node-4.example.com slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected',
  '67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922',
  '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@31003 master - 0 1426238318243 3 connected 10923-16383 [10924->-abc]',
  'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 7000',
  '6ec23923021cf3ffec47632106199cb7f496ce01 :30005@31005 slave,fail 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 5 connected',
  '',
].join('\n');

describe('parseClusterNodes', () => {
  const nodes = parseClusterNodes(TEXT, 'seed.example.com');

  it('reads roles, masters, slots and flags', () => {
    expect(nodes.map((n) => [n.port, n.role, n.slots, n.unusable, n.myself])).toEqual([
      [30004, 'replica', [], false, false],
      [30002, 'master', [[5461, 10922]], false, false],
      [30003, 'master', [[10923, 16383]], false, false],
      [30001, 'master', [[0, 5460], [7000, 7000]], false, true],
      [30005, 'replica', [], true, false],
    ]);
    expect(nodes[0]!.masterId).toBe('e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca');
    expect(nodes[1]!.masterId).toBeUndefined();
  });

  it('prefers an announced hostname, and uses the seed host when the node knows no IP', () => {
    expect(nodes.map((n) => n.host)).toEqual(['node-4.example.com', '127.0.0.1', '127.0.0.1', '127.0.0.1', 'seed.example.com']);
  });
});
