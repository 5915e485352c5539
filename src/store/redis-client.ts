// What the stores talk to: one Redis, or a Redis Cluster (see redis-connections.ts). Both speak the
// same commands; on a cluster every command, script and MULTI must keep its keys in one slot, which
// portal-keys.ts guarantees for a portal's keys and QUEUE_PREFIX's hash tag for the global ones.
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;
