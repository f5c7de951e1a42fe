import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CsrfService } from './csrf/csrf.service';

/** What every page module shares: CSRF protection. Pages render with `views/layout.ts`. */
@Global()
@Module({ imports: [AuthModule], providers: [CsrfService], exports: [CsrfService] })
export class WebSharedModule {}
