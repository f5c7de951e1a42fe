import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { User } from '../../users/entities/user.entity';
import { RolesService } from '../../users/roles.service';
import { TwoFactorEnrolment } from './two-factor-enrolment.entity';
import { TwoFactorService } from './two-factor.service';

/** What a sign-in needs after the right password: nothing more, a code, or setting up TOTP first. */
export type SecondStep = 'none' | 'code' | 'enrol';

/**
 * Who must give a second factor (issue 15). Anyone who set up TOTP is asked for a code on every
 * channel. A person holding a role marked "two-factor required" who has not set it up must do so
 * at the next console sign-in, and API channels refuse them, once the requirement is in force:
 * from the moment any administrator has set up two-factor sign-in (docs/decisions.md, "Two-factor
 * sign-in"), so a fresh installation, its demo and its scripts work until someone turns it on.
 */
@Injectable()
export class TwoFactorPolicy {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly roles: RolesService,
    @InjectRepository(TwoFactorEnrolment) private readonly enrolments: Repository<TwoFactorEnrolment>,
  ) {}

  async stepAfterPassword(user: Pick<User, 'id' | 'roles'>): Promise<SecondStep> {
    if (await this.twoFactor.isEnrolled(user.id)) return 'code';
    return (await this.isRequiredOf(user)) ? 'enrol' : 'none';
  }

  /** The person's roles require a second factor and the requirement is in force. */
  async isRequiredOf(user: Pick<User, 'roles'>): Promise<boolean> {
    return (user.roles ?? []).some((role) => role.twoFactorRequired) && (await this.inForce());
  }

  /** Some holder of an administrator's role (one carrying `admin`) has set up two-factor sign-in. */
  async inForce(): Promise<boolean> {
    const adminRoles = (await this.roles.findAll()).filter((role) => role.scopes.includes('admin')).map((role) => role.name);
    if (adminRoles.length === 0) return false;
    const enrolledAdministrator = await this.enrolments
      .createQueryBuilder('e')
      .innerJoin('user_roles', 'ur', 'ur.user_id = e.user_id')
      .where('e.confirmed_at IS NOT NULL')
      .andWhere('ur.role_name IN (:...adminRoles)', { adminRoles })
      .getExists();
    return enrolledAdministrator;
  }
}
