import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { generateSecret } from '../common/secrets';
import { ConfigError } from '../config/config.error';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password.hasher';
import { PasswordPolicy } from './passwords/password.policy';
import { ADMINISTRATOR_ROLE, RolesService } from './roles.service';
import { UsersService } from './users.service';

/**
 * First start on an empty database: the shipped roles and the administrator. When
 * ADMIN_PASSWORD is not given, a generated password is printed once, to stderr, never to the log.
 * A given one must pass the password policy for administrators, or the start stops (issue 11, F16).
 * On a later start ADMIN_PASSWORD changes nothing; when it is not the administrator's password,
 * Tessera says so and how to set it (issue 14: a walkthrough failed silently on an old ./data).
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    @InjectRepository(User) private readonly accounts: Repository<User>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.roles.ensureShippedRoles();
    if ((await this.users.count()) > 0) return this.checkGivenPassword();
    const password = this.config.admin.password ?? generateSecret().slice(0, 24);
    const problem = this.policy.problemWith(password, { username: this.config.admin.username, administrator: true });
    if (problem) throw new ConfigError([`ADMIN_PASSWORD is refused: ${problem}`]);
    await this.users.create({
      username: this.config.admin.username,
      password,
      kind: 'person',
      roles: [ADMINISTRATOR_ROLE],
      fullAccess: true,
    });
    this.logger.log(`Created administrator "${this.config.admin.username}"`);
    if (!this.config.admin.password) announceGeneratedPassword(this.config.admin.username, password);
  }

  private async checkGivenPassword(): Promise<void> {
    const { username, password } = this.config.admin;
    if (!password) return;
    const admin = await this.accounts.findOne({ where: { username }, select: { id: true, passwordHash: true } });
    if (admin && (await this.hasher.verify(admin.passwordHash, password))) return;
    process.stderr.write(
      (admin
        ? `ADMIN_PASSWORD is set, but the administrator "${username}" already exists with another password: ADMIN_PASSWORD applies on first start only.\n`
        : `ADMIN_PASSWORD is set, but this database already has users and no "${username}": ADMIN_USERNAME and ADMIN_PASSWORD apply on first start only.\n`) +
        `  To set it: echo '<password>' | npx tessera ${admin ? 'user:reset-password' : 'user:create --admin --password-stdin'} ${username}${admin ? ' --stdin' : ''}\n`,
    );
  }
}

function announceGeneratedPassword(username: string, password: string): void {
  process.stderr.write(
    `\n  Tessera created the administrator "${username}" with the password:\n\n      ${password}\n\n` +
      '  It is shown this once. Set ADMIN_PASSWORD on first start to choose it yourself.\n\n',
  );
}
