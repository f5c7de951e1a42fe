/** The MariaDB and Redis every machine (and CI) runs; the cluster tests use them directly. */
export const MARIADB_URL = process.env.CLUSTER_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';
export const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379';
