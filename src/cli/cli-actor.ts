import type { Actor } from '../auth/actor';
import { ALL_SCOPES } from '../users/scopes';

/**
 * Whoever runs `tessera` on the server: an administrator with every scope and full access, the
 * way the operator already holds the database. The audit log names it "cli".
 */
export const CLI_ACTOR: Actor = {
  principal: {
    kind: 'user',
    userId: null,
    username: 'cli',
    clientId: null,
    scopes: ALL_SCOPES,
    readOnly: false,
    access: { full: true, databases: {} },
    credentialId: null,
    grantId: null,
  },
  ip: null,
};
