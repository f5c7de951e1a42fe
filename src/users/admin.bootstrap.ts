import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { generateSecret } from '../common/secrets';
import { ConfigError } from '../config/config.error';
import { TESSERA_CONFIG, TesseraConfig } from '../config/tessera-config';
import { PasswordPolicy } from './passwords/password.policy';
import { ADMINISTRATOR_ROLE, RolesService } from './roles.service';
import { UsersService } from './users.service';

/**
 * First start on an empty database: the shipped roles and the administrator. When
 * ADMIN_PASSWORD is not given, a generated password is printed once, to stderr, never to the log.
 * A given one must pass the password policy for administrators, or the start stops (issue 11, F16).
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly policy: PasswordPolicy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.roles.ensureShippedRoles();
    if ((await this.users.count()) > 0) return;
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
}

function announceGeneratedPassword(username: string, password: string): void {
  process.stderr.write(
    `\n  Tessera created the administrator "${username}" with the password:\n\n      ${password}\n\n` +
      '  It is shown this once. Set ADMIN_PASSWORD on first start to choose it yourself.\n\n',
  );
}
