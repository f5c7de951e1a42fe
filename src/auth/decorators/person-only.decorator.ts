import { SetMetadata } from '@nestjs/common';

export const REQUIRES_PERSON = 'tessera:requiresPerson';

/** The caller must act for a user (session, user token, personal key), not as a bare client. */
export const PersonOnly = () => SetMetadata(REQUIRES_PERSON, true);
