import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEvents } from '../../users/user-events';
import { Consent } from '../entities/consent.entity';

/**
 * A person's standing consent per client: asked once, widened when more scopes are approved, given
 * only on the consent page, and forgotten with a new password (R08: a consent that an intruder gave
 * with a stolen password must not let a `prompt=none` link hand out codes after the reset).
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectRepository(Consent) private readonly consents: Repository<Consent>,
    events: UserEvents,
  ) {
    events.onPasswordChanged(({ userId }) => this.forgetAllOf(userId));
  }

  async forgetAllOf(userId: string): Promise<void> {
    await this.consents.delete({ userId });
  }

  /** True when the person already approved every one of these scopes for this client. */
  async covers(userId: string, clientId: string, scopes: readonly string[]): Promise<boolean> {
    const consent = await this.consents.findOneBy({ userId, clientId });
    return Boolean(consent && scopes.every((scope) => consent.scopes.includes(scope)));
  }

  async remember(userId: string, clientId: string, scopes: readonly string[], retry = true): Promise<void> {
    const now = new Date();
    const existing = await this.consents.findOneBy({ userId, clientId });
    if (existing) {
      const union = [...new Set([...existing.scopes, ...scopes])];
      if (union.length !== existing.scopes.length) await this.consents.update({ id: existing.id }, { scopes: union, updatedAt: now });
      return;
    }
    try {
      await this.consents.insert({ id: randomUUID(), userId, clientId, scopes: [...scopes], createdAt: now, updatedAt: now });
    } catch (error) {
      // A concurrent request recorded it first (unique user + client): widen that one instead.
      if (!retry) throw error;
      await this.remember(userId, clientId, scopes, false);
    }
  }

  listOf(userId: string): Promise<Consent[]> {
    return this.consents.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOf(userId: string, id: string): Promise<Consent | null> {
    return this.consents.findOneBy({ userId, id });
  }

  async delete(id: string): Promise<void> {
    await this.consents.delete({ id });
  }
}
