import type { Type } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC } from '../../auth/decorators/public.decorator';
import { WebModule } from '../web.module';
import { CONSOLE_PAGE } from './console-page.decorator';
import { PAGE_ACCESS } from './page-access';
import { PageGuard } from './page.guard';

/** Issue 13: a console page cannot be declared without its guard; `@ConsolePage()` is the only way to declare one. */
describe('console pages', () => {
  const controllers: Type<unknown>[] = Reflect.getMetadata('controllers', WebModule);

  it('are all declared with @ConsolePage', () => {
    expect(controllers.length).toBeGreaterThan(5);
    const undeclared = controllers
      .filter((controller) => Reflect.getMetadata(CONSOLE_PAGE, controller) !== true)
      .map((controller) => controller.name);
    expect(undeclared).toEqual([]);
  });

  it('are guarded by PageGuard with an access level, and skipped by the API guard only because of it', () => {
    for (const controller of controllers) {
      expect({ page: controller.name, guards: Reflect.getMetadata(GUARDS_METADATA, controller) }).toEqual({
        page: controller.name,
        guards: [PageGuard],
      });
      expect(['anyone', 'person', 'admin']).toContain(Reflect.getMetadata(PAGE_ACCESS, controller));
      expect(Reflect.getMetadata(IS_PUBLIC, controller)).toBe(true);
    }
  });
});
