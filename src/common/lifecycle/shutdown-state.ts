/**
 * Set once shutdown starts (bootstrap/graceful-shutdown.ts): answers then carry `Connection:
 * close` so keep-alive clients go, and readiness answers 503 so load balancers stop sending.
 */
export const shutdownState = { closing: false };
